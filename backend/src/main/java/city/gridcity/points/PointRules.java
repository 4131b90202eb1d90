package city.gridcity.points;

import city.gridcity.shared.problem.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A city's point rules (pack section {@code points}, one version per moment it takes effect from). Pure
 * data and the arithmetic on it, tested without the container.
 *
 * @param report        points for reports: once filed, and for a duplicate merged into an earlier report
 * @param meToo         points for a "me too" (我也遇到), once the case it follows is filed
 * @param rating        points for rating a handled case (满意度评价)
 * @param volunteerWork points for one piece of volunteer work
 * @param caps          most points a resident earns per day and per month ({@code null}: no cap)
 * @param levels        account levels (账号分级) by lifetime points, lowest first, the first from 0
 * @param expiry        when points expire ({@code null}: never)
 * @param abuse         how many rejected or false reports in a period suspend earning, and for how long
 *                      ({@code null}: never)
 * @param holdHours     how long a reward redemption is held for pickup before it expires
 */
public record PointRules(Report report, int meToo, int rating, int volunteerWork, Caps caps, List<Level> levels,
                         Expiry expiry, Abuse abuse, int holdHours) {

    /**
     * @param filed     points for a filed report of base case weight 1 (or of any weight when {@code byWeight} is false)
     * @param byWeight  multiply {@code filed} by the case's base case weight (基本案件数), rounded half up
     * @param byClass   points for a filed report of a subclass, by {@code kind/code} ({@code event/0102}); before the above
     * @param duplicate points for a report merged as a duplicate of an earlier one (first reporter wins)
     */
    public record Report(int filed, boolean byWeight, Map<String, Integer> byClass, int duplicate) {
    }

    public record Caps(Integer perDay, Integer perMonth) {
    }

    /** A level from {@code from} lifetime points, with its name in both languages. */
    public record Level(int from, String nameZh, String nameEn) {
    }

    /** Points earned in a year expire at the end of the year {@code afterYears} later (1: the end of the following year). */
    public record Expiry(int afterYears) {
    }

    public record Abuse(int strikes, int periodDays, int suspendDays) {
    }

    /** Points for a filed report of the subclass {@code kind/code} with the given base case weight. */
    public int forFiledReport(String kind, String code, BigDecimal baseCaseWeight) {
        Integer own = report.byClass() == null ? null : report.byClass().get(kind.toLowerCase() + "/" + code);
        if (own != null) {
            return own;
        }
        if (!report.byWeight() || baseCaseWeight == null) {
            return report.filed();
        }
        return baseCaseWeight.multiply(BigDecimal.valueOf(report.filed())).setScale(0, RoundingMode.HALF_UP).intValue();
    }

    /** The index of the level of a resident with {@code earned} lifetime points. */
    public int levelIndex(long earned) {
        int index = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (earned >= levels.get(i).from()) {
                index = i;
            }
        }
        return index;
    }

    public Level level(long earned) {
        return levels.get(levelIndex(earned));
    }

    /** The next level up, if there is one. */
    public Optional<Level> nextLevel(long earned) {
        int i = levelIndex(earned);
        return i + 1 < levels.size() ? Optional.of(levels.get(i + 1)) : Optional.empty();
    }

    /**
     * How much of {@code amount} a resident may still earn, given what they earned today and this month.
     * Never below zero.
     */
    public long capped(long amount, long earnedToday, long earnedThisMonth) {
        long allowed = amount;
        if (caps != null && caps.perDay() != null) {
            allowed = Math.min(allowed, caps.perDay() - earnedToday);
        }
        if (caps != null && caps.perMonth() != null) {
            allowed = Math.min(allowed, caps.perMonth() - earnedThisMonth);
        }
        return Math.max(0, allowed);
    }

    /** What is wrong with these rules, each problem named by its path ({@code levels/1/from}); empty when none. */
    public List<Problem.FieldError> problems() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (report == null) {
            errors.add(new Problem.FieldError("report", "give report.filed (points for a filed report) and report.duplicate"));
        } else {
            nonNegative(errors, "report/filed", report.filed());
            nonNegative(errors, "report/duplicate", report.duplicate());
            if (report.byClass() != null) {
                report.byClass().forEach((key, points) -> {
                    if (key == null || !key.matches("^(component|event)/[0-9]{4}$")) {
                        errors.add(new Problem.FieldError("report/byClass/" + key,
                                "name the subclass as kind/code, e.g. event/0102"));
                    } else if (points == null || points < 0) {
                        errors.add(new Problem.FieldError("report/byClass/" + key, "must be 0 or more points"));
                    }
                });
            }
        }
        nonNegative(errors, "meToo", meToo);
        nonNegative(errors, "rating", rating);
        nonNegative(errors, "volunteerWork", volunteerWork);
        if (caps != null) {
            if (caps.perDay() != null && caps.perDay() < 1) {
                errors.add(new Problem.FieldError("caps/perDay", "must be at least 1, or left out for no daily cap"));
            }
            if (caps.perMonth() != null && caps.perMonth() < 1) {
                errors.add(new Problem.FieldError("caps/perMonth", "must be at least 1, or left out for no monthly cap"));
            }
            if (caps.perDay() != null && caps.perMonth() != null && caps.perMonth() < caps.perDay()) {
                errors.add(new Problem.FieldError("caps/perMonth", "cannot be below caps.perDay"));
            }
        }
        if (levels == null || levels.isEmpty()) {
            errors.add(new Problem.FieldError("levels", "give at least one level, the first from 0 points"));
        } else {
            for (int i = 0; i < levels.size(); i++) {
                Level l = levels.get(i);
                if (l == null) {
                    errors.add(new Problem.FieldError("levels/" + i, "give from, nameZh and nameEn"));
                    continue;
                }
                if (i == 0 && l.from() != 0) {
                    errors.add(new Problem.FieldError("levels/0/from", "the first level starts at 0 points"));
                }
                if (i > 0 && levels.get(i - 1) != null && l.from() <= levels.get(i - 1).from()) {
                    errors.add(new Problem.FieldError("levels/" + i + "/from", "must be above the level before it ("
                            + levels.get(i - 1).from() + ")"));
                }
                if (blank(l.nameZh()) || l.nameZh().length() > 20) {
                    errors.add(new Problem.FieldError("levels/" + i + "/nameZh", "give a Chinese name of up to 20 characters"));
                }
                if (blank(l.nameEn()) || l.nameEn().length() > 40) {
                    errors.add(new Problem.FieldError("levels/" + i + "/nameEn", "give an English name of up to 40 characters"));
                }
            }
        }
        if (expiry != null && (expiry.afterYears() < 0 || expiry.afterYears() > 10)) {
            errors.add(new Problem.FieldError("expiry/afterYears", "must be 0 (end of the same year) to 10"));
        }
        if (abuse != null) {
            if (abuse.strikes() < 1) {
                errors.add(new Problem.FieldError("abuse/strikes", "must be at least 1"));
            }
            if (abuse.periodDays() < 1 || abuse.periodDays() > 366) {
                errors.add(new Problem.FieldError("abuse/periodDays", "must be 1 to 366 days"));
            }
            if (abuse.suspendDays() < 1 || abuse.suspendDays() > 366) {
                errors.add(new Problem.FieldError("abuse/suspendDays", "must be 1 to 366 days"));
            }
        }
        if (holdHours < 1 || holdHours > 720) {
            errors.add(new Problem.FieldError("holdHours", "must be 1 to 720 hours"));
        }
        return errors;
    }

    private static void nonNegative(List<Problem.FieldError> errors, String field, int value) {
        if (value < 0) {
            errors.add(new Problem.FieldError(field, "must be 0 or more points"));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package city.gridcity.assessment.web;

import city.gridcity.assessment.Indicator;
import city.gridcity.assessment.Scheme;
import city.gridcity.assessment.SchemeEdits;
import city.gridcity.assessment.SchemeVersion;
import city.gridcity.assessment.Schemes;
import city.gridcity.assessment.ScoringRule;
import city.gridcity.assessment.TargetUsers;
import city.gridcity.calendar.CalendarService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's scheme editor (考评方案编辑): the city's baseline schemes and campaign overlays with their versions;
 * a scheme's targets, components and weights, items (indicator by name, points, scoring rule and its parameters in
 * words, how no data scores) and ranking groups; for an overlay also the composite baseline ⊕ overlay as computed.
 * The city administrator edits (an item added, changed or removed, weights, groups, a new overlay), each save a new
 * version from a chosen date through {@link SchemeEdits}; assessors read. Post, redirect, get; a refused form shows
 * each problem next to its field and stores nothing.
 */
@Path("/console/assessment/schemes")
@Produces(MediaType.TEXT_HTML)
public class SchemePages {

    static final String PAGE = "/console/assessment/schemes";
    static final int BANDS = 5;
    static final int NEW_GROUPS = 2;

    @CheckedTemplate(basePath = "console/assessment")
    static class Templates {
        static native TemplateInstance schemes(Messages.Msg msg, ListView view);

        static native TemplateInstance scheme(Messages.Msg msg, SchemeView view);
    }

    /** A form's values and each field's problem. */
    public record Fields(Map<String, String> values, Map<String, String> errors) {
        public String v(String name) {
            return values.getOrDefault(name, "");
        }

        public String error(String name) {
            return errors.get(name);
        }

        public boolean on(String name) {
            return "true".equals(values.get(name));
        }
    }

    public record Option(String value, String label) {
    }

    public record Row(String kind, String code, String name, String targets, String baseline, int version,
                      String effectiveFrom, String createdAt, String createdBy) {
    }

    public record ListView(String csrf, boolean admin, List<Row> schemes, List<Row> overlays, List<Option> baselines,
                           Fields form, String error, String done) {
    }

    public record ItemView(String code, String name, String indicator, String points, String rule, String words,
                           String noData, boolean perGridCoefficient, boolean fromOverlay) {
    }

    public record ComponentView(String code, String name, String weight, List<ItemView> items) {
    }

    public record GroupView(String code, String name, String members) {
    }

    public record VersionView(int version, String effectiveFrom, String createdAt, String createdBy, String changes) {
    }

    public record WeightField(String code, String name, String value, String inherited, String error) {
    }

    public record GroupField(int index, int number, String code, String name, String members, String codeError,
                             String membersError) {
    }

    public record BandField(int n, String at, String points, String atError, String pointsError) {
    }

    /** A linked deduction as the page shows it: its kind in words, what it reads by name, the share as a percent. */
    public record LinkedView(String code, String name, String kind, String reads, String share) {
    }

    /** An item one may link, in the select: its code, name and whether the form has it chosen. */
    public record ItemChoice(String value, String label, boolean selected) {
    }

    /** The items of one scheme in the linked deduction's item select ({@code scheme} empty: this scheme's own). */
    public record ItemGroup(String scheme, String label, List<ItemChoice> items) {
    }

    /**
     * The linked deductions (关联扣分) of a departments' scheme and their editor: {@code shown} when the scheme assesses
     * departments (only they are charged) or has any; the kinds in words, the districts' schemes and the items by name.
     */
    public record LinkedPart(boolean shown, List<LinkedView> rules, List<Option> kinds, List<Option> schemes,
                             List<ItemGroup> items, Fields form, Fields removal, String editing, String editingName) {
    }

    public record SchemeView(String csrf, boolean admin, boolean overlay, String kind, String code, String name,
                             String targets, String baseline, String baselineName, boolean weightsMustAddUp, int version,
                             String effectiveFrom, List<ComponentView> components, List<GroupView> groups,
                             String compositeName, String compositeSum, List<ComponentView> composite,
                             List<VersionView> versions, List<Option> componentChoices, List<Option> indicators,
                             List<Option> rules, List<Option> noData, List<WeightField> weights, List<GroupField> groupFields,
                             List<BandField> bands, String failedForm, Fields item, Fields weightsForm, Fields groupsForm,
                             Fields removal, String editing, String today,
                             String error, String done, LinkedPart linked) {
    }

    private final CurrentPrincipal current;
    private final Schemes schemes;
    private final SchemeEdits edits;
    private final CalendarService calendar;
    private final Messages messages;
    private final ObjectMapper json;

    SchemePages(CurrentPrincipal current, Schemes schemes, SchemeEdits edits, CalendarService calendar, Messages messages,
                ObjectMapper json) {
        this.current = current;
        this.schemes = schemes;
        this.edits = edits;
        this.calendar = calendar;
        this.messages = messages;
        this.json = json;
    }

    @GET
    public Response list(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Principal user = reader();
        if (user == null) {
            return login(PAGE);
        }
        Messages.Msg msg = msg(user, lang, headers);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        List<Schemes.Version> all = schemes.current();
        Map<String, String> names = new HashMap<>();
        all.stream().filter(v -> v.kind() == SchemeVersion.Kind.SCHEME).forEach(v -> names.put(v.code(), name(v.body())));
        List<Row> baselines = new ArrayList<>();
        List<Row> overlays = new ArrayList<>();
        for (Schemes.Version v : all) {
            Row r = new Row(kind(v.kind()), v.code(), name(v.body()), targets(msg, v.body().path("targets").asText("")),
                    v.baseline() == null ? "" : names.getOrDefault(v.baseline(), v.baseline()), v.version(),
                    v.effectiveFrom().toString(), time(user, v.createdAt()), v.createdBy());
            (v.kind() == SchemeVersion.Kind.SCHEME ? baselines : overlays).add(r);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("effectiveFrom", calendar.today().toString());
        values.put("baseline", baselines.isEmpty() ? "" : baselines.get(0).code());
        Map<String, String> errors = Map.of();
        if (refusal != null) {
            values.putAll(note.get().values() == null ? Map.of() : note.get().values());
            errors = fieldErrors(msg, refusal);
        }
        ListView view = new ListView(csrf, admin(user), baselines, overlays,
                baselines.stream().map(r -> new Option(r.code(), r.name())).toList(), new Fields(values, errors),
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("scheme.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null));
        return PageSupport.page(Templates.schemes(msg, view), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/overlays")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response newOverlay(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Principal user = editor();
        if (user == null) {
            return login(PAGE);
        }
        Map<String, String> typed = typed(form, List.of("code", "name", "baseline", "effectiveFrom"));
        try {
            LocalDate from = date(typed.get("effectiveFrom"));
            String code = blank(typed.get("code"));
            edits.newOverlay(code, blank(typed.get("name")), blank(typed.get("baseline")), from, user.username());
            return Flash.done(PAGE + "/overlay/" + URLEncoder.encode(code, StandardCharsets.UTF_8),
                    "scheme.done.overlay");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(PAGE, e, typed);
        }
    }

    @GET
    @Path("/{kind: baseline|overlay}/{code}")
    public Response scheme(@PathParam("kind") String kind, @PathParam("code") String code, @QueryParam("item") String item,
                           @QueryParam("linked") String linkedRule, @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        String here = here(kind, code);
        Principal user = reader();
        if (user == null) {
            return login(here);
        }
        Messages.Msg msg = msg(user, lang, headers);
        SchemeVersion.Kind k = kind(kind);
        Schemes.Version newest = edits.newest(k, code).orElseThrow(() -> ProblemException.notFound(
                (k == SchemeVersion.Kind.SCHEME ? "Scheme '" : "Overlay '") + code + "'"));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        String failed = refusal == null ? null : value(note.get(), "form");
        Map<String, String> errors = refusal == null ? Map.of() : fieldErrors(msg, refusal);
        String today = calendar.today().toString();

        List<ComponentView> components;
        List<GroupView> groups = List.of();
        List<ComponentView> composite = List.of();
        String compositeName = null;
        String compositeSum = null;
        String targets;
        String baselineName = null;
        boolean mustAddUp;
        List<Option> choices = new ArrayList<>();
        List<WeightField> weights = new ArrayList<>();
        List<GroupField> groupFields = new ArrayList<>();
        Map<String, Scheme.Item> itemsByCode = new HashMap<>();
        Map<String, String> componentOf = new HashMap<>();
        LinkedPart linked = new LinkedPart(false, List.of(), List.of(), List.of(), List.of(), null, null, null, null);
        if (k == SchemeVersion.Kind.SCHEME) {
            Scheme s = parse(newest.body(), Scheme.class);
            linked = linkedPart(msg, s, linkedRule, failed, note.map(Flash.Note::values).orElse(null), errors, today);
            targets = targets(msg, s.targets() == null ? "" : s.targets().name());
            mustAddUp = s.weightsMustAddUp();
            components = s.components().stream().map(c -> component(msg, c, Map.of())).toList();
            groups = s.groups().stream().map(g -> new GroupView(g.code(), g.name() == null ? g.code() : g.name(),
                    g.members() == null ? "" : String.join("、", g.members()))).toList();
            for (Scheme.Component c : s.components()) {
                choices.add(new Option(c.code(), c.name() == null ? c.code() : c.name()));
                weights.add(new WeightField(c.code(), c.name() == null ? c.code() : c.name(), plain(c.weight()), null, null));
                c.items().forEach(i -> {
                    itemsByCode.put(i.code(), i);
                    componentOf.put(i.code(), c.code());
                });
            }
            for (int i = 0; i < s.groups().size() + NEW_GROUPS; i++) {
                Scheme.Group g = i < s.groups().size() ? s.groups().get(i) : null;
                groupFields.add(new GroupField(i, i + 1, g == null ? "" : g.code(),
                        g == null || g.name() == null ? "" : g.name(),
                        g == null || g.members() == null ? "" : String.join(", ", g.members()), null, null));
            }
        } else {
            Scheme.Overlay o = parse(newest.body(), Scheme.Overlay.class);
            LocalDate on = newest.effectiveFrom().isAfter(calendar.today()) ? newest.effectiveFrom() : calendar.today();
            Scheme base = schemes.scheme(o.baseline(), on).map(Schemes.InForce::value)
                    .or(() -> edits.newest(SchemeVersion.Kind.SCHEME, o.baseline())
                            .map(v -> parse(v.body(), Scheme.class))).orElse(null);
            baselineName = base == null ? o.baseline() : base.name();
            targets = base == null ? "" : targets(msg, base.targets() == null ? "" : base.targets().name());
            mustAddUp = base != null && base.weightsMustAddUp();
            List<ComponentView> own = new ArrayList<>();
            Map<String, List<Scheme.Item>> added = new LinkedHashMap<>();
            for (Scheme.AddedItem a : o.items()) {
                added.computeIfAbsent(a.component(), c -> new ArrayList<>()).add(a.item());
                itemsByCode.put(a.item().code(), a.item());
                componentOf.put(a.item().code(), a.component());
            }
            Map<String, String> baseNames = new HashMap<>();
            if (base != null) {
                for (Scheme.Component c : base.components()) {
                    baseNames.put(c.code(), c.name());
                    choices.add(new Option(c.code(), c.name() == null ? c.code() : c.name()));
                    BigDecimal set = o.weights().get(c.code());
                    weights.add(new WeightField(c.code(), c.name() == null ? c.code() : c.name(),
                            set == null ? "" : plain(set), plain(c.weight()), null));
                }
            }
            added.forEach((c, items) -> own.add(component(msg, new Scheme.Component(c,
                    msg.f("scheme.addedTo", baseNames.getOrDefault(c, c)), o.weights().get(c), items), Map.of())));
            for (Scheme.Component c : o.components()) {
                own.add(component(msg, c, Map.of()));
                choices.add(new Option(c.code(), (c.name() == null ? c.code() : c.name()) + " · " + msg.t("scheme.ownComponent")));
                BigDecimal set = o.weights().get(c.code());
                weights.add(new WeightField(c.code(), c.name() == null ? c.code() : c.name(),
                        set == null ? "" : plain(set), plain(c.weight()), null));
                c.items().forEach(i -> {
                    itemsByCode.put(i.code(), i);
                    componentOf.put(i.code(), c.code());
                });
            }
            components = own;
            if (base != null) {
                Scheme comp = base.with(o);
                compositeName = comp.name();
                compositeSum = plain(comp.components().stream().map(Scheme.Component::weight).filter(Objects::nonNull)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
                Map<String, Boolean> mine = new HashMap<>();
                itemsByCode.keySet().forEach(c -> mine.put(c, true));
                composite = comp.components().stream().map(c -> component(msg, c, mine)).toList();
            }
        }

        Map<String, String> itemValues = new LinkedHashMap<>();
        itemValues.put("effectiveFrom", today);
        itemValues.put("noData", Scheme.NoData.FULL.name());
        itemValues.put("rule", ScoringRule.PROPORTIONAL.wireName());
        if (!choices.isEmpty()) {
            itemValues.put("component", choices.get(0).value());
        }
        Scheme.Item editing = item == null ? null : itemsByCode.get(item);
        if (editing != null) {
            itemValues.putAll(itemForm(editing));
            itemValues.put("component", componentOf.get(editing.code()));
            itemValues.put("original", editing.code());
        }
        Map<String, String> otherValues = new LinkedHashMap<>();
        otherValues.put("effectiveFrom", today);
        if (refusal != null && note.get().values() != null) {
            if ("item".equals(failed)) {
                itemValues.clear();
                itemValues.putAll(note.get().values());
            } else if (failed != null && !failed.startsWith("linked") && !failed.startsWith("remove-linked-")) {
                otherValues.putAll(note.get().values());
            }
        }
        if ("weights".equals(failed)) {
            Map<String, String> e = errors;
            weights = weights.stream().map(w -> new WeightField(w.code(), w.name(), otherValues.getOrDefault(
                    "weight-" + w.code(), ""), w.inherited(), e.get("weight-" + w.code()))).toList();
        }
        if ("groups".equals(failed)) {
            List<GroupField> typed = new ArrayList<>();
            for (GroupField g : groupFields) {
                int i = g.index();
                typed.add(new GroupField(i, i + 1, otherValues.getOrDefault("groupCode" + i, ""),
                        otherValues.getOrDefault("groupName" + i, ""), otherValues.getOrDefault("groupMembers" + i, ""),
                        errors.get("groupCode" + i), errors.get("groupMembers" + i)));
            }
            groupFields = typed;
        }
        List<BandField> bands = new ArrayList<>();
        for (int n = 1; n <= BANDS; n++) {
            boolean mine = "item".equals(failed);
            bands.add(new BandField(n, itemValues.getOrDefault("at" + n, ""), itemValues.getOrDefault("points" + n, ""),
                    mine ? errors.get("at" + n) : null, mine ? errors.get("points" + n) : null));
        }
        List<VersionView> versions = audit(msg, user, schemes.versions(k, code));
        SchemeView view = new SchemeView(csrf, admin(user), k == SchemeVersion.Kind.OVERLAY, kind, code,
                name(newest.body()), targets, newest.baseline(), baselineName, mustAddUp, newest.version(),
                newest.effectiveFrom().toString(), components, groups, compositeName, compositeSum, composite, versions,
                choices, indicators(msg), rules(msg), noDataChoices(msg), weights, groupFields,
                bands, failed,
                new Fields(itemValues, "item".equals(failed) ? errors : Map.of()),
                fields("weights", failed, otherValues, errors, today), fields("groups", failed, otherValues, errors, today),
                fields("remove-" + item, failed, otherValues, errors, today), editing == null ? null : editing.code(), today,
                refusal == null ? null : errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("scheme.problems"),
                note.map(Flash.Note::done).map(msg::t).orElse(null), linked);
        return PageSupport.page(Templates.scheme(msg, view), refusal == null ? 200 : refusal.status(),
                Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, here));
    }

    @POST
    @Path("/{kind: baseline|overlay}/{code}/items")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveItem(@PathParam("kind") String kind, @PathParam("code") String code,
                             MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here(kind, code);
        Principal user = editor();
        if (user == null) {
            return login(here);
        }
        List<String> fields = new ArrayList<>(List.of("effectiveFrom", "component", "original", "code", "name",
                "indicator", "points", "rule", "threshold", "k", "noData", "perGridCoefficient"));
        for (int i = 1; i <= BANDS; i++) {
            fields.add("at" + i);
            fields.add("points" + i);
        }
        Map<String, String> typed = typed(form, fields);
        typed.put("form", "item");
        try {
            List<Problem.FieldError> unreadable = new ArrayList<>();
            LocalDate from = date(typed.get("effectiveFrom"), unreadable);
            BigDecimal points = number("points", typed.get("points"), unreadable);
            Map<String, BigDecimal> params = new LinkedHashMap<>();
            Optional<ScoringRule> rule = ScoringRule.fromWireName(typed.get("rule"));
            List<String> names = rule.map(SchemePages::paramNames).orElse(List.of());
            for (String p : names) {
                BigDecimal n = number(p, typed.get(p), unreadable);
                if (n != null) {
                    params.put(p, n);
                }
            }
            Scheme.NoData noData = Arrays.stream(Scheme.NoData.values()).filter(n -> n.name().equals(typed.get("noData")))
                    .findFirst().orElse(null);
            Scheme.Item item = new Scheme.Item(blank(typed.get("code")), blank(typed.get("name")),
                    blank(typed.get("indicator")), points, blank(typed.get("rule")), params, noData,
                    "true".equals(typed.get("perGridCoefficient")));
            edits.item(kind(kind), code, from, blank(typed.get("component")), blank(typed.get("original")), item,
                    unreadable, user.username());
            return Flash.done(here, "scheme.done.item");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, typed);
        }
    }

    @POST
    @Path("/{kind: baseline|overlay}/{code}/items/{item}/removal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeItem(@PathParam("kind") String kind, @PathParam("code") String code,
                               @PathParam("item") String item, MultivaluedMap<String, String> form,
                               @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here(kind, code) + "?item=" + URLEncoder.encode(item, StandardCharsets.UTF_8);
        Principal user = editor();
        if (user == null) {
            return login(here);
        }
        Map<String, String> typed = typed(form, List.of("effectiveFrom"));
        typed.put("form", "remove-" + item);
        try {
            edits.removeItem(kind(kind), code, date(typed.get("effectiveFrom")), item, user.username());
            return Flash.done(here(kind, code), "scheme.done.removed");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, typed);
        }
    }

    @POST
    @Path("/baseline/{code}/linked")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveLinked(@PathParam("code") String code, MultivaluedMap<String, String> form,
                               @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here("baseline", code);
        Principal user = editor();
        if (user == null) {
            return login(here);
        }
        Map<String, String> typed = typed(form, List.of("effectiveFrom", "original", "linkedCode", "linkedName",
                "linkedKind", "linkedScheme", "linkedItem", "linkedShare"));
        typed.put("form", "linked");
        String original = blank(typed.get("original"));
        String back = original == null ? here + "#linked-editor"
                : here + "?linked=" + URLEncoder.encode(original, StandardCharsets.UTF_8) + "#linked-editor";
        try {
            List<Problem.FieldError> unreadable = new ArrayList<>();
            LocalDate from = date(typed.get("effectiveFrom"), unreadable);
            city.gridcity.assessment.LinkedDeductions.Kind kindOf = Arrays.stream(
                    city.gridcity.assessment.LinkedDeductions.Kind.values())
                    .filter(x -> x.name().equals(typed.get("linkedKind"))).findFirst().orElse(null);
            BigDecimal share = null;
            String pct = typed.get("linkedShare").replace("%", "").replace('％', ' ').trim();
            if (pct.isEmpty()) {
                unreadable.add(new Problem.FieldError("linked.share", "give the share charged as a percentage from 0 to 100"));
            } else {
                try {
                    share = new BigDecimal(pct.replace('，', '.')).movePointLeft(2);
                } catch (NumberFormatException e) {
                    unreadable.add(new Problem.FieldError("linked.share", "give the share charged as a percentage from "
                            + "0 to 100, not '" + typed.get("linkedShare") + "'"));
                }
            }
            String scheme = kindOf == city.gridcity.assessment.LinkedDeductions.Kind.SAME_ITEM ? null
                    : blank(typed.get("linkedScheme"));
            Scheme.LinkedRule rule = new Scheme.LinkedRule(blank(typed.get("linkedCode")), blank(typed.get("linkedName")),
                    kindOf, scheme, blank(typed.get("linkedItem")), share);
            edits.linked(code, from, original, rule, unreadable, user.username());
            return Flash.done(here + "#linked", "scheme.done.linked");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(back, e, typed);
        }
    }

    @POST
    @Path("/baseline/{code}/linked/{rule}/removal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeLinked(@PathParam("code") String code, @PathParam("rule") String rule,
                                 MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here("baseline", code);
        String back = here + "?linked=" + URLEncoder.encode(rule, StandardCharsets.UTF_8) + "#linked-editor";
        Principal user = editor();
        if (user == null) {
            return login(back);
        }
        Map<String, String> typed = typed(form, List.of("effectiveFrom"));
        typed.put("form", "remove-linked-" + rule);
        try {
            edits.removeLinked(code, date(typed.get("effectiveFrom")), rule, user.username());
            return Flash.done(here + "#linked", "scheme.done.linkedRemoved");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(back, e, typed);
        }
    }

    @POST
    @Path("/{kind: baseline|overlay}/{code}/weights")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveWeights(@PathParam("kind") String kind, @PathParam("code") String code,
                                MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here(kind, code);
        Principal user = editor();
        if (user == null) {
            return login(here);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("effectiveFrom", trim(form.getFirst("effectiveFrom")));
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        List<Problem.FieldError> unreadable = new ArrayList<>();
        for (String f : form.keySet()) {
            if (f.startsWith("weight-")) {
                String value = trim(form.getFirst(f));
                typed.put(f, value);
                String component = f.substring("weight-".length());
                if (value.isEmpty() && kind(kind) == SchemeVersion.Kind.OVERLAY) {
                    continue;
                }
                BigDecimal w = number("weights." + component, value, unreadable);
                weights.put(component, w);
            }
        }
        typed.put("form", "weights");
        try {
            LocalDate from = date(typed.get("effectiveFrom"), unreadable);
            edits.weights(kind(kind), code, from, weights, unreadable, user.username());
            return Flash.done(here, "scheme.done.weights");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(here, e, typed);
        }
    }

    @POST
    @Path("/baseline/{code}/groups")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveGroups(@PathParam("code") String code, MultivaluedMap<String, String> form,
                               @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        String here = here("baseline", code);
        Principal user = editor();
        if (user == null) {
            return login(here);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("effectiveFrom", trim(form.getFirst("effectiveFrom")));
        List<Scheme.Group> groups = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; form.containsKey("groupCode" + i); i++) {
            String c = trim(form.getFirst("groupCode" + i));
            String n = trim(form.getFirst("groupName" + i));
            String m = trim(form.getFirst("groupMembers" + i));
            typed.put("groupCode" + i, c);
            typed.put("groupName" + i, n);
            typed.put("groupMembers" + i, m);
            if (c.isEmpty() && n.isEmpty() && m.isEmpty()) {
                continue;
            }
            groups.add(new Scheme.Group(blank(c), blank(n), Arrays.stream(m.split("[,，、\\s]+"))
                    .filter(s -> !s.isBlank()).toList()));
            at.add(i);
        }
        typed.put("form", "groups");
        try {
            edits.groups(code, date(typed.get("effectiveFrom")), groups, user.username());
            return Flash.done(here, "scheme.done.groups");
        } catch (ProblemException e) {
            if (e.status() == 404 || e.status() != 400) {
                throw e;
            }
            // the service counts the groups sent; the form's rows may have gaps
            List<Problem.FieldError> renamed = new ArrayList<>();
            for (Problem.FieldError f : e.errors()) {
                java.util.regex.Matcher g = java.util.regex.Pattern.compile("^groups\\[(\\d+)]\\.(\\w+)$").matcher(f.field());
                if (g.matches() && Integer.parseInt(g.group(1)) < at.size()) {
                    String row = String.valueOf(at.get(Integer.parseInt(g.group(1))));
                    String field = switch (g.group(2)) {
                        case "code" -> "groupCode";
                        case "name" -> "groupName";
                        default -> "groupMembers";
                    };
                    renamed.add(new Problem.FieldError(field + row, f.message()));
                } else {
                    renamed.add(f);
                }
            }
            return Flash.refused(here, ProblemException.invalid(renamed), typed);
        }
    }

    /**
     * The linked deductions of the scheme as the page shows them, and their editor's form: the rule {@code editing}
     * (the {@code linked=} query) in the form, or what was typed when the linked form was refused.
     */
    private LinkedPart linkedPart(Messages.Msg msg, Scheme s, String editing, String failed, Map<String, String> typed,
                                  Map<String, String> errors, String today) {
        boolean shown = s.targets() == city.gridcity.assessment.Target.Kind.DEPARTMENT || !s.linked().isEmpty();
        if (!shown) {
            return new LinkedPart(false, List.of(), List.of(), List.of(), List.of(), null, null, null, null);
        }
        Map<String, Scheme> districts = new LinkedHashMap<>();
        for (Schemes.Version v : schemes.current()) {
            if (v.kind() == SchemeVersion.Kind.SCHEME && !v.code().equals(s.code())
                    && "DISTRICT".equals(v.body().path("targets").asText())) {
                districts.put(v.code(), parse(v.body(), Scheme.class));
            }
        }
        String self = msg.t("scheme.linked.self");
        List<LinkedView> rules = new ArrayList<>();
        for (Scheme.LinkedRule r : s.linked()) {
            boolean grid = r.kind() == city.gridcity.assessment.LinkedDeductions.Kind.SAME_GRID;
            Scheme from = grid ? districts.get(r.scheme()) : s;
            String schemeName = grid ? (from == null ? r.scheme() : from.name()) : self;
            rules.add(new LinkedView(r.code(), r.name() == null || r.name().isBlank() ? r.code() : r.name(),
                    r.kind() == null ? "" : msg.t("scheme.linked.kind." + r.kind().name()),
                    schemeName + " · " + itemName(from, r.item()), percentOf(r.share())));
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("effectiveFrom", today);
        values.put("linkedKind", city.gridcity.assessment.LinkedDeductions.Kind.SAME_GRID.name());
        if (!districts.isEmpty()) {
            values.put("linkedScheme", districts.keySet().iterator().next());
        }
        Scheme.LinkedRule chosen = editing == null ? null
                : s.linked().stream().filter(r -> editing.equals(r.code())).findFirst().orElse(null);
        if (chosen != null) {
            values.put("original", chosen.code());
            values.put("linkedCode", chosen.code());
            values.put("linkedName", chosen.name() == null ? "" : chosen.name());
            values.put("linkedKind", chosen.kind() == null ? "" : chosen.kind().name());
            if (chosen.scheme() != null) {
                values.put("linkedScheme", chosen.scheme());
            }
            values.put("linkedItem", chosen.item() == null ? "" : chosen.item());
            values.put("linkedShare", percentNumber(chosen.share()));
        }
        boolean mine = "linked".equals(failed);
        if (mine && typed != null) {
            values.clear();
            values.putAll(typed);
        }
        Fields form = new Fields(values, mine ? errors : Map.of());
        String removing = chosen == null ? null : chosen.code();
        Fields removal = fields("remove-linked-" + removing, failed, typed == null ? Map.of() : typed, errors, today);
        boolean sameItem = city.gridcity.assessment.LinkedDeductions.Kind.SAME_ITEM.name().equals(values.get("linkedKind"));
        List<ItemGroup> groups = new ArrayList<>();
        groups.add(itemGroup("", self + " · " + s.name(), s, sameItem, values.get("linkedItem")));
        districts.forEach((code, d) -> groups.add(itemGroup(code, d.name(), d,
                !sameItem && code.equals(values.get("linkedScheme")), values.get("linkedItem"))));
        List<Option> kinds = Arrays.stream(city.gridcity.assessment.LinkedDeductions.Kind.values())
                .map(x -> new Option(x.name(), msg.t("scheme.linked.kind." + x.name()))).toList();
        List<Option> schemeChoices = districts.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue().name())).toList();
        String removingName = chosen == null ? null
                : chosen.name() == null || chosen.name().isBlank() ? chosen.code() : chosen.name();
        return new LinkedPart(true, rules, kinds, schemeChoices, groups, form, removal, removing, removingName);
    }

    /** The items of a scheme one may link (those whose deduction lists the cases behind it), by name. */
    private static ItemGroup itemGroup(String code, String label, Scheme s, boolean chosenScheme, String item) {
        List<ItemChoice> items = new ArrayList<>();
        for (Scheme.Component c : s.components()) {
            for (Scheme.Item i : c.items()) {
                if (city.gridcity.assessment.Indicator.fromWireName(i.indicator())
                        .filter(city.gridcity.assessment.LinkedDeductions.LINKABLE::contains).isPresent()) {
                    items.add(new ItemChoice(i.code(), i.name() == null ? i.code() : i.name(),
                            chosenScheme && i.code().equals(item)));
                }
            }
        }
        return new ItemGroup(code, label, items);
    }

    private static String itemName(Scheme s, String item) {
        if (s == null || item == null) {
            return item == null ? "" : item;
        }
        return s.components().stream().flatMap(c -> c.items().stream()).filter(i -> item.equals(i.code())).findFirst()
                .map(i -> i.name() == null ? i.code() : i.name()).orElse(item);
    }

    /** A share as a percent: 0.5 → "50%". */
    static String percentOf(BigDecimal share) {
        return share == null ? "—" : percentNumber(share) + "%";
    }

    /** A share as the percent typed in the form: 0.5 → "50". */
    static String percentNumber(BigDecimal share) {
        return share == null ? "" : plain(share.movePointRight(2));
    }

    /** A form's fields: what was typed and its problems when it is the form refused, else today's date. */
    private static Fields fields(String form, String failed, Map<String, String> typed, Map<String, String> errors,
                                 String today) {
        return form.equals(failed) ? new Fields(typed, errors) : new Fields(Map.of("effectiveFrom", today), Map.of());
    }

    private ComponentView component(Messages.Msg msg, Scheme.Component c, Map<String, Boolean> fromOverlay) {
        return new ComponentView(c.code(), c.name() == null ? c.code() : c.name(), c.weight() == null ? "" : plain(c.weight()),
                c.items().stream().map(i -> item(msg, i, fromOverlay.containsKey(i.code()))).toList());
    }

    private ItemView item(Messages.Msg msg, Scheme.Item i, boolean fromOverlay) {
        return new ItemView(i.code(), i.name() == null ? i.code() : i.name(), indicatorName(msg, i.indicator()),
                plain(i.points()), label(msg, "scheme.rule." + i.rule(), i.rule()), words(msg, i),
                i.noData() == null ? "" : msg.t("scheme.noData." + i.noData().name()), i.perGridCoefficient(),
                fromOverlay);
    }

    /** The rule and its parameters in words, e.g. "≥ 70% full points; −1 point per percentage point below; floor 0". */
    static String words(Messages.Msg msg, Scheme.Item i) {
        Map<String, BigDecimal> p = i.params() == null ? Map.of() : i.params();
        String text = msg.t("scheme.words." + i.rule());
        if (text.equals("scheme.words." + i.rule())) {
            return "";
        }
        StringBuilder bands = new StringBuilder();
        for (int n = 1; p.containsKey("at" + n); n++) {
            if (bands.length() > 0) {
                bands.append(msg.english() ? "; " : "；");
            }
            bands.append(msg.t("scheme.words.band").replace("{at}", percent(p.get("at" + n)))
                    .replace("{points}", plain(p.get("points" + n))));
        }
        return text.replace("{threshold}", percent(p.get("threshold"))).replace("{k}", plain(p.get("k")))
                .replace("{points}", plain(i.points())).replace("{bands}", bands.toString());
    }

    /** A rate as a percentage (0.7 → 70%); a value above 1 (a count) as it is. */
    private static String percent(BigDecimal v) {
        if (v == null) {
            return "—";
        }
        if (v.abs().compareTo(BigDecimal.ONE) <= 0) {
            return plain(v.multiply(BigDecimal.valueOf(100))) + "%";
        }
        return plain(v);
    }

    private List<VersionView> audit(Messages.Msg msg, Principal user, List<Schemes.Version> versions) {
        List<VersionView> out = new ArrayList<>();
        JsonNode before = null;
        for (Schemes.Version v : versions) {
            out.add(new VersionView(v.version(), v.effectiveFrom().toString(), time(user, v.createdAt()), v.createdBy(),
                    before == null ? msg.t("scheme.change.first") : changes(msg, before, v.body())));
            before = v.body();
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** What a version changed against the one before: items added, changed, removed; weights; groups; name. */
    static String changes(Messages.Msg msg, JsonNode before, JsonNode after) {
        Map<String, JsonNode> was = items(before);
        Map<String, JsonNode> is = items(after);
        List<String> parts = new ArrayList<>();
        is.forEach((code, node) -> {
            if (!was.containsKey(code)) {
                parts.add(msg.f("scheme.change.added", node.path("name").asText(code)));
            } else if (!was.get(code).equals(node)) {
                parts.add(msg.f("scheme.change.changed", node.path("name").asText(code)));
            }
        });
        was.forEach((code, node) -> {
            if (!is.containsKey(code)) {
                parts.add(msg.f("scheme.change.removed", node.path("name").asText(code)));
            }
        });
        Map<String, String> wWas = weights(before);
        Map<String, String> wIs = weights(after);
        if (!wWas.equals(wIs)) {
            List<String> w = new ArrayList<>();
            wIs.forEach((c, x) -> {
                if (!Objects.equals(wWas.get(c), x)) {
                    w.add(c + " " + (wWas.get(c) == null ? "—" : wWas.get(c)) + "→" + x);
                }
            });
            wWas.forEach((c, x) -> {
                if (!wIs.containsKey(c)) {
                    w.add(c + " " + x + "→—");
                }
            });
            parts.add(msg.f("scheme.change.weights", String.join(", ", w)));
        }
        if (!before.path("groups").equals(after.path("groups"))) {
            parts.add(msg.t("scheme.change.groups"));
        }
        Map<String, JsonNode> lWas = linkedRules(before);
        Map<String, JsonNode> lIs = linkedRules(after);
        lIs.forEach((c, node) -> {
            if (!lWas.containsKey(c)) {
                parts.add(msg.f("scheme.change.linkedAdded", node.path("name").asText(c)));
            } else if (!lWas.get(c).equals(node)) {
                parts.add(msg.f("scheme.change.linkedChanged", node.path("name").asText(c)));
            }
        });
        lWas.forEach((c, node) -> {
            if (!lIs.containsKey(c)) {
                parts.add(msg.f("scheme.change.linkedRemoved", node.path("name").asText(c)));
            }
        });
        if (!before.path("name").equals(after.path("name"))) {
            parts.add(msg.f("scheme.change.name", after.path("name").asText()));
        }
        return parts.isEmpty() ? msg.t("scheme.change.none") : String.join(msg.english() ? "; " : "；", parts);
    }

    private static Map<String, JsonNode> items(JsonNode body) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : body.path("components")) {
            for (JsonNode i : c.path("items")) {
                out.put(i.path("code").asText(), i);
            }
        }
        for (JsonNode a : body.path("items")) {
            out.put(a.path("item").path("code").asText(), a);
        }
        return out;
    }

    private static Map<String, JsonNode> linkedRules(JsonNode body) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : body.path("linked")) {
            out.put(r.path("code").asText(), r);
        }
        return out;
    }

    private static Map<String, String> weights(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode c : body.path("components")) {
            out.put(c.path("code").asText(), c.path("weight").decimalValue().stripTrailingZeros().toPlainString());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("weights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().decimalValue().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static Map<String, String> itemForm(Scheme.Item i) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("code", i.code());
        v.put("name", i.name() == null ? "" : i.name());
        v.put("indicator", i.indicator());
        v.put("points", plain(i.points()));
        v.put("rule", i.rule());
        v.put("noData", i.noData() == null ? "" : i.noData().name());
        v.put("perGridCoefficient", String.valueOf(i.perGridCoefficient()));
        if (i.params() != null) {
            i.params().forEach((k, x) -> v.put(k, plain(x)));
        }
        return v;
    }

    /** The form fields a rule reads: its required parameters, and every band for the band rules. */
    static List<String> paramNames(ScoringRule rule) {
        return switch (rule) {
            case THRESHOLD_LINEAR, THRESHOLD_LINEAR_INVERSE -> List.of("threshold", "k");
            case DEDUCTION_PER_COUNT, DEDUCTION_PER_COUNT_INVERSE -> List.of("k");
            case BANDS, BANDS_INVERSE -> {
                List<String> b = new ArrayList<>();
                for (int i = 1; i <= BANDS; i++) {
                    b.add("at" + i);
                    b.add("points" + i);
                }
                yield b;
            }
            default -> List.of();
        };
    }

    private static List<Option> indicators(Messages.Msg msg) {
        return Arrays.stream(Indicator.values()).map(i -> new Option(i.wireName(), indicatorName(msg, i.wireName())))
                .toList();
    }

    static String indicatorName(Messages.Msg msg, String wire) {
        return label(msg, "scheme.indicator." + wire, wire);
    }

    private static List<Option> rules(Messages.Msg msg) {
        return Arrays.stream(ScoringRule.values()).map(r -> new Option(r.wireName(), label(msg, "scheme.rule." + r.wireName(),
                r.wireName()))).toList();
    }

    private static List<Option> noDataChoices(Messages.Msg msg) {
        return Arrays.stream(Scheme.NoData.values()).map(n -> new Option(n.name(), msg.t("scheme.noData." + n.name())))
                .toList();
    }

    private static String label(Messages.Msg msg, String key, String fallback) {
        String t = msg.t(key);
        return t.equals(key) ? (fallback == null ? "" : fallback) : t;
    }

    private static String targets(Messages.Msg msg, String kind) {
        return kind.isEmpty() ? "" : label(msg, "scheme.targets." + kind, kind);
    }

    /**
     * Each field's first problem under the form's own field names (an item's {@code item.params.k} is the field
     * {@code k}, a weight's {@code weights.system} the field {@code weight-system}); on a Chinese page the bundle's
     * {@code scheme.error.<field>} (digits and the component left off) when it has one, else the service's words.
     */
    private static Map<String, String> fieldErrors(Messages.Msg msg, ProblemException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError f : e.errors()) {
            String field = f.field();
            if (field.startsWith("item.params.")) {
                field = field.substring("item.params.".length());
            } else if (field.startsWith("item.")) {
                field = field.substring("item.".length());
            } else if (field.startsWith("weights.")) {
                field = "weight-" + field.substring("weights.".length());
            } else if (field.startsWith("linked.")) {
                String rest = field.substring("linked.".length());
                field = "linked" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
            }
            String base = field.startsWith("weight-") ? "weight" : field.matches("points\\d+") ? "bandPoints"
                    : field.replaceAll("\\d+$", "");
            String text = f.message();
            // a linked deduction's share is typed as a percent, the service speaks of fractions: the bundle's words
            if (!msg.english() || field.startsWith("linked")) {
                String key = "scheme.error." + base;
                String found = msg.t(key);
                if (!found.equals(key)) {
                    text = found;
                }
            }
            errors.putIfAbsent(field, text);
        }
        return errors;
    }

    private <T> T parse(JsonNode body, Class<T> type) {
        try {
            return json.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(JsonNode body) {
        return body.path("name").asText(body.path("code").asText());
    }

    private static String kind(SchemeVersion.Kind k) {
        return k == SchemeVersion.Kind.SCHEME ? "baseline" : "overlay";
    }

    private static SchemeVersion.Kind kind(String path) {
        return "overlay".equals(path) ? SchemeVersion.Kind.OVERLAY : SchemeVersion.Kind.SCHEME;
    }

    private static String here(String kind, String code) {
        return PAGE + "/" + kind + "/" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    static String plain(BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }

    private static String time(Principal user, Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of(user.tenant().timeZone())).format(at);
    }

    private static Map<String, String> typed(MultivaluedMap<String, String> form, List<String> fields) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : fields) {
            typed.put(f, trim(form.getFirst(f)));
        }
        return typed;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String value(Flash.Note note, String field) {
        return note.value(field) == null ? "" : note.value(field);
    }

    private static LocalDate date(String value) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate d = date(value, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return d;
    }

    private static LocalDate date(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("effectiveFrom", "give a date as YYYY-MM-DD, not '" + value + "'"));
            return null;
        }
    }

    /** A number typed in a form field; blank is null; a word is a problem named after the field. */
    private static BigDecimal number(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim().replace('，', '.'));
        } catch (NumberFormatException e) {
            String named = field.equals("points") ? "item.points" : field.startsWith("weights.") ? field
                    : "item.params." + field;
            errors.add(new Problem.FieldError(named, "give a number, not '" + value + "'"));
            return null;
        }
    }

    private Messages.Msg msg(Principal user, String lang, HttpHeaders headers) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    private static boolean admin(Principal p) {
        return p.roles().contains(Role.CITY_ADMIN);
    }

    /** The signed-in assessor or administrator (who read schemes, as the API lets them); null when nobody is signed in. */
    private Principal reader() {
        Optional<Principal> p = current.get();
        if (p.isEmpty()) {
            return null;
        }
        if (p.get().tenant() == null) {
            throw ProblemException.forbidden("no-city", "Assessment schemes belong to a city; sign in as a user of a city.");
        }
        if (!TargetUsers.assessor(p.get())) {
            throw ProblemException.forbidden("role-not-allowed", "Assessment schemes are for the city's assessors and "
                    + "administrators.");
        }
        return p.get();
    }

    /** The signed-in city administrator (who edits schemes, as the API lets them); 403 for anyone else. */
    private Principal editor() {
        Principal p = reader();
        if (p != null && !admin(p)) {
            throw ProblemException.forbidden("role-not-allowed", "Only the city administrator edits assessment schemes.");
        }
        return p;
    }

    private static Response login(String next) {
        return Response.seeOther(URI.create("/console/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .build();
    }
}

package city.gridcity.shared.web;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The error page a person reads: the same problem as the API's problem detail, as HTML in the reader's
 * language (Chinese unless English is chosen or preferred), fitted to a phone, under the site's header.
 * A page path always gets it; any other path but the API's gets it when the client asks for HTML (a
 * browser typing {@code /nosuchpage}); API clients keep their {@code application/problem+json}.
 */
final class ErrorPages {

    private static final String ENGLISH = "en";
    /** The problem code of a path naming a city the service does not host ({@code EdgeFilter}). */
    static final String UNKNOWN_CITY = "unknown-city";

    private record Words(String zhTitle, String enTitle, String zhHint, String enHint) {
    }

    private static final Map<Integer, Words> WORDS = Map.of(
            400, new Words("请求有误", "Bad request", "请检查填写的内容后重试。", "Check what was entered and try again."),
            401, new Words("需要登录", "Sign-in needed", "请先登录。", "Sign in first."),
            403, new Words("无权访问", "Not allowed", "您的账号无权打开此页面。", "Your account may not open this page."),
            404, new Words("页面不存在", "Page not found", "此地址没有页面；请检查地址，或从首页进入。",
                    "There is no page at this address; check it, or start from the home page."),
            405, new Words("不能这样打开此页面", "Not available this way",
                    "此地址只接收表单提交；请从上一页重新操作。", "This address only takes a form; go back and use the form again."),
            409, new Words("操作冲突", "Conflict", "页面已过时或操作已被他人完成；请刷新后重试。",
                    "The page is out of date or someone else acted first; reload and try again."),
            500, new Words("服务出错", "Service error", "服务发生意外错误，已记录；请稍后重试。",
                    "The service failed unexpectedly; the error is logged. Try again later."));

    private ErrorPages() {
    }

    /** Whether the answer to this failed request should be a page rather than a problem detail. */
    static boolean wantsPage(String path) {
        if (path.startsWith("/c/") || path.startsWith("/console")) {
            return true;
        }
        if (path.startsWith("/api/") || path.startsWith("/q/")) {
            return false;
        }
        HttpServerRequest request = request();
        String accept = request == null ? null : request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    static String page(int status, String title, String detail, String path, String code) {
        boolean english = english();
        Words w = WORDS.getOrDefault(status, WORDS.get(status >= 500 ? 500 : 400));
        boolean noCity = UNKNOWN_CITY.equals(code) && path.startsWith("/c/");
        // An unknown city has no portal to return to: home is the list of cities, and the page says so in its language.
        String home = path.startsWith("/console") ? "/console" : path.startsWith("/c/") && !noCity
                ? path.replaceFirst("^(/c/[^/]+).*$", "$1") : "/";
        if (noCity) {
            String city = path.replaceFirst("^/c/([^/]+).*$", "$1");
            detail = english ? "There is no city with the code '" + city + "'; choose one on the home page."
                    : "没有代码为“" + city + "”的城市，请从首页选择城市。";
        }
        String heading = english ? w.enTitle() : w.zhTitle();
        return "<!DOCTYPE html><html lang=\"" + (english ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + status + " " + escape(heading) + " · " + (english ? "GridCity" : "网格城市") + "</title>"
                + "<link rel=\"stylesheet\" href=\"/css/base.css\"></head><body>"
                + "<header class=\"bar\"><a class=\"brand\" href=\"" + escape(home) + "\">"
                + (english ? "GridCity" : "网格城市") + "</a><nav class=\"lang\">"
                + (english ? "<a href=\"?lang=zh-CN\">中文</a>" : "<a href=\"?lang=en\">English</a>") + "</nav></header>"
                + "<main><h1>" + status + " " + escape(heading) + "</h1>"
                + "<p class=\"error\" id=\"problem\">" + escape(english ? w.enHint() : w.zhHint()) + "</p>"
                // The problem's own words name what exactly went wrong; they are English, so Chinese pages show them second.
                + "<p class=\"hint\" id=\"detail\">" + escape(detail) + "</p>"
                + "<p><a href=\"" + escape(home) + "\" id=\"home\">" + (english ? "Home" : "返回首页") + "</a></p>"
                + "</main></body></html>";
    }

    private static boolean english() {
        HttpServerRequest request = request();
        if (request == null) {
            return false;
        }
        String lang = request.getParam("lang");
        if (ENGLISH.equals(lang)) {
            return true;
        }
        if ("zh-CN".equals(lang)) {
            return false;
        }
        Cookie cookie = request.getCookie(Language.COOKIE);
        if (cookie != null && (cookie.getValue().equals("en") || cookie.getValue().equals("zh-CN"))) {
            return cookie.getValue().equals("en");
        }
        String accept = request.getHeader("Accept-Language");
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String tag = part.trim().toLowerCase();
            if (tag.startsWith("zh")) {
                return false;
            }
            if (tag.startsWith("en")) {
                return true;
            }
        }
        return false;
    }

    private static HttpServerRequest request() {
        try {
            var handle = Arc.container().instance(CurrentVertxRequest.class);
            RoutingContext rc = handle.isAvailable() ? handle.get().getCurrent() : null;
            return rc == null ? null : rc.request();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

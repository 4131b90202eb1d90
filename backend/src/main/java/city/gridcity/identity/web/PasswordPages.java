package city.gridcity.identity.web;

import city.gridcity.identity.AuthService;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.PageErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The own-password form of the console and the portal: the same checks as the API (the current password,
 * the strength rules, and here also the repeated new password), each problem under its field. A change ends
 * every session of the user (the API's rule); the page signs them in again with the new password, so the
 * person who just proved it is not sent to the sign-in page.
 */
public final class PasswordPages {

    private PasswordPages() {
    }

    public static ConsolePages.PasswordForm form(Messages.Msg msg, Optional<Flash.Note> note, boolean required) {
        Map<String, String> errors = new LinkedHashMap<>();
        String error = null;
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        if (refusal != null) {
            for (Problem.FieldError err : refusal.errors()) {
                String key = "password.error." + err.field();
                String text = msg.t(key);
                // English pages give the API's own words (which name the rule broken); Chinese ones the bundle's.
                errors.put(err.field(), text.equals(key) || msg.english() ? err.message() : text);
            }
            error = PageErrors.text(msg, refusal);
        }
        return new ConsolePages.PasswordForm(required, note.map(Flash.Note::done).map(msg::t).orElse(null), errors,
                error);
    }

    public static AuthService.SignIn change(AuthService auth, Principal user, String currentPassword, String newPassword,
                                     String confirmPassword, String address) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw ProblemException.invalid("currentPassword", "enter the password you signed in with");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw ProblemException.invalid("newPassword", "enter a new password");
        }
        if (!newPassword.equals(confirmPassword)) {
            throw ProblemException.invalid("confirmPassword", "must repeat the new password exactly");
        }
        auth.changePassword(user, currentPassword, newPassword);
        return auth.login(user.tenant() == null ? null : user.tenant().code(), user.username(), newPassword, address);
    }
}

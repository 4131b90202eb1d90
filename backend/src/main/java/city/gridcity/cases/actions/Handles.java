package city.gridcity.cases.actions;

import city.gridcity.cases.CaseAction;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The actions a handler carries out: the table tests check each row names a handler of its action. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Handles {
    CaseAction[] value();
}

package city.gridcity.shared.web;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@code page} and {@code size} query parameters of a paged list ({@code @BeanParam}). They arrive
 * as text so that {@link Paging} answers a wrong value with a 400 naming the field; the document still
 * describes them as integers.
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "zero-based page number",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "" + Paging.MAX_PAGE, defaultValue = "0"))
    String page;

    @QueryParam("size")
    @Parameter(description = "rows per page; each list has its own default and largest size",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    String size;

    /** The bounded page request, with this list's default and largest size. */
    public Paging resolve(int defaultSize, int maxSize) {
        return Paging.of(page, size, defaultSize, maxSize);
    }
}

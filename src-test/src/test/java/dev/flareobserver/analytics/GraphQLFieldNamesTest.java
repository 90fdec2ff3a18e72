package dev.flareobserver.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.api.analytics.WorkersInvocationsFields;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.Dimension;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.FilterField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.MaxField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.QuantileField;
import dev.flareobserver.api.analytics.WorkersInvocationsFields.SumField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every GraphQL field name the client can put in a query is one the reference
 * (shared/reference/cloudflare-api/graphql-analytics.md) lists for workersInvocationsAdaptive, in
 * the right part (dimensions, sum, quantiles, max, filter), and the client records its evidence level.
 */
class GraphQLFieldNamesTest {

    /** Names listed in the reference's table for each part, with the evidence marks on their rows. */
    private static Map<String, Map<String, String>> reference;

    @BeforeAll
    static void readReference() throws IOException {
        Path doc = Path.of(System.getProperty("flare.openapi")).resolveSibling("graphql-analytics.md");
        String text = Files.readString(doc);
        String section = text.substring(text.indexOf("## 3. `workersInvocationsAdaptive`"), text.indexOf("## 4."));
        reference = new HashMap<>();
        Pattern row = Pattern.compile("^\\| (filter|dimensions|sum|quantiles|max|avg) \\| (.*?) \\| (.*) \\|$", Pattern.MULTILINE);
        Matcher rows = row.matcher(section);
        while (rows.find()) {
            String part = rows.group(1);
            String evidence = rows.group(3).contains("[docs]") ? "docs" : "other";
            Matcher names = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)").matcher(rows.group(2));
            while (names.find()) {
                reference.computeIfAbsent(part, p -> new LinkedHashMap<>()).putIfAbsent(names.group(1), evidence);
            }
            // "datetime*" in the introspection row stands for the datetime grains it names in parentheses
            Matcher grains = Pattern.compile("`(datetime[A-Za-z]+)`").matcher(rows.group(2));
            while (grains.find()) {
                reference.get(part).putIfAbsent(grains.group(1), evidence);
            }
        }
        assertThat(reference).as("the reference table was read").containsKeys("filter", "dimensions", "sum", "quantiles", "max");
    }

    @Test
    void dimensionsAreListedInTheReference() {
        for (Dimension d : Dimension.values()) {
            assertListed("dimensions", d.fieldName(), d.name());
        }
    }

    @Test
    void sumFieldsAreListedInTheReference() {
        for (SumField f : SumField.values()) {
            assertListed("sum", f.fieldName(), f.name());
        }
    }

    @Test
    void quantileFieldsAreListedInTheReference() {
        for (QuantileField f : QuantileField.values()) {
            assertListed("quantiles", f.fieldName(), f.name());
        }
    }

    @Test
    void maxFieldsAreListedInTheReference() {
        for (MaxField f : MaxField.values()) {
            assertListed("max", f.fieldName(), f.name());
        }
    }

    @Test
    void filterFieldsAreListedInTheReference() {
        for (FilterField f : FilterField.values()) {
            assertListed("filter", f.fieldName(), f.name());
        }
    }

    @Test
    void theDatasetAndStatusValuesAreTheDocumentedOnes() {
        assertThat(WorkersInvocationsFields.DATASET).isEqualTo("workersInvocationsAdaptive");
        assertThat(WorkersInvocationsFields.STATUS_VALUES)
                .containsExactlyInAnyOrder("success", "clientDisconnected", "scriptThrewException", "exceededResources", "internalError");
    }

    private static void assertListed(String part, String fieldName, String constant) {
        assertThat(reference.get(part))
                .as("%s.%s (\"%s\") must be a %s field listed in graphql-analytics.md", part, constant, fieldName, part)
                .containsKey(fieldName);
    }
}

package net.whoisd.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.whoisd.rpsl.ObjectValidator;
import net.whoisd.rpsl.ParsedObject;
import net.whoisd.rpsl.Problem;
import net.whoisd.rpsl.RpslLexer;
import net.whoisd.rpsl.ValidationMode;
import net.whoisd.rpsl.ValidationResult;
import org.junit.jupiter.api.Test;

/** Every object the sample and the generator produce passes the update-time (STRICT) validator. */
class SampleDataValidationTest {

    private static List<String> errors(String text) {
        ObjectValidator validator = new ObjectValidator(ValidationMode.STRICT, SampleData.SOURCE);
        List<String> out = new ArrayList<>();
        for (ParsedObject p : RpslLexer.parseAll(text)) {
            ValidationResult result = validator.validate(p.object());
            for (Problem problem : result.problems()) {
                if (problem.isError()) {
                    out.add(p.object().className() + " " + p.object().classValue() + " line " + problem.line() + ": "
                            + problem.attribute() + ": " + problem.message());
                }
            }
        }
        return out;
    }

    @Test
    void everySampleObjectIsValidInStrictMode() {
        assertEquals(List.of(), errors(SampleData.text()));
    }

    @Test
    void theValidatorWouldCatchABrokenSample() {
        String broken = SampleData.text().replace("status:         ALLOCATED PA", "status:         HANDED OUT")
                .replace("nic-hdl:        LH1-TEST", "nic-hdl:        LH1 TEST");
        assertEquals(4, errors(broken).size(), errors(broken).toString());
    }

    @Test
    void everySyntheticObjectIsValidInStrictMode() throws Exception {
        StringBuilder text = new StringBuilder();
        new SyntheticDatabase(3, SampleData.SOURCE).write(1500, (type, object) -> text.append(object));
        assertEquals(List.of(), errors(text.toString()));
    }
}

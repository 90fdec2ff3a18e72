package dev.flareobserver.app.page.d1;

import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** How result values read in the grid, on the clipboard and in CSV. */
final class D1Values {

    /** How many bytes of a BLOB the grid shows before "…". */
    private static final int BLOB_PREVIEW = 16;

    private D1Values() {
    }

    /** For a cell: NULL, a BLOB's size and first bytes, a number or the text on one line. */
    static String cell(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] blob) {
            String hex = HexFormat.of().formatHex(blob, 0, Math.min(blob.length, BLOB_PREVIEW));
            return "BLOB " + blob.length + " B " + hex + (blob.length > BLOB_PREVIEW ? "…" : "");
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d)
                    : Double.toString(d);
        }
        String text = v.toString();
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : text.replace("\r\n", "⏎").replace('\n', '⏎')
                .replace('\r', '⏎');
    }

    /** For the clipboard and CSV: the whole value; a BLOB as hex, NULL as nothing. */
    static String plain(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof byte[] blob) {
            return HexFormat.of().formatHex(blob);
        }
        return v instanceof Double ? cell(v) : v.toString();
    }

    /** One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
    static void csvRecord(Writer out, List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields.get(i) instanceof String s ? s : plain(fields.get(i));
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write("\r\n");
    }
}

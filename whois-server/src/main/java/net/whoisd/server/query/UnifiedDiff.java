package net.whoisd.server.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (hunks only, no file headers) with one line of context, as
 * RIPE's {@code --diff-versions}. A text that ends in a newline has an empty last line, as RIPE's.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 1;

    private UnifiedDiff() {
    }

    static String diff(String left, String right) {
        String[] a = left.split("\n", -1);
        String[] b = right.split("\n", -1);
        int n = a.length;
        int m = b.length;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ', '-', '+' with the line and its positions
        List<char[]> ops = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[i].equals(b[j])) {
                ops.add(new char[] {' '});
                lines.add(a[i]);
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new char[] {'-'});
                lines.add(a[i]);
                i++;
            } else {
                ops.add(new char[] {'+'});
                lines.add(b[j]);
                j++;
            }
        }
        StringBuilder sb = new StringBuilder();
        int k = 0;
        int total = ops.size();
        while (k < total) {
            while (k < total && ops.get(k)[0] == ' ') {
                k++;
            }
            if (k == total) {
                break;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int quiet = 0;
            while (end < total && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0] == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(total, end - Math.max(0, quiet - CONTEXT));
            int aStart = 0;
            int bStart = 0;
            for (int x = 0; x < start; x++) {
                char c = ops.get(x)[0];
                aStart += c != '+' ? 1 : 0;
                bStart += c != '-' ? 1 : 0;
            }
            int aLen = 0;
            int bLen = 0;
            for (int x = start; x < end; x++) {
                char c = ops.get(x)[0];
                aLen += c != '+' ? 1 : 0;
                bLen += c != '-' ? 1 : 0;
            }
            sb.append("@@ -").append(aLen == 0 ? aStart : aStart + 1).append(',').append(aLen)
                    .append(" +").append(bLen == 0 ? bStart : bStart + 1).append(',').append(bLen).append(" @@\n");
            for (int x = start; x < end; x++) {
                sb.append(ops.get(x)[0]).append(lines.get(x)).append('\n');
            }
            k = end;
        }
        return sb.toString();
    }
}

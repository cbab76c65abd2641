package net.whoisd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the compiled classes with the JDK's jdeps: modules depend one way
 * (rpsl-parser, then storage, then the server), and no two packages of the project depend on each
 * other, directly or round a longer cycle.
 */
class ArchitectureTest {
    private static final List<String> MODULES = List.of("rpsl-parser", "storage", "sample-data", "whois-server");
    /** Which of the project's top packages each module's packages may use besides their own. */
    private static final Map<String, Set<String>> MODULE_MAY_USE = Map.of(
            "net.whoisd.rpsl", Set.of(),
            "net.whoisd.storage", Set.of("net.whoisd.rpsl"),
            "net.whoisd.sample", Set.of("net.whoisd.rpsl"),
            "net.whoisd.server", Set.of("net.whoisd.rpsl", "net.whoisd.storage", "net.whoisd.sample"));

    @Test
    void modulesDependOneWay() {
        Map<String, Set<String>> graph = packageGraph();
        List<String> wrong = new ArrayList<>();
        graph.forEach((from, tos) -> {
            String fromTop = top(from);
            for (String to : tos) {
                String toTop = top(to);
                if (!toTop.equals(fromTop) && !MODULE_MAY_USE.get(fromTop).contains(toTop)) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertEquals(List.of(), wrong, "dependencies against the module layering");
    }

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.size() > 10, "packages found: " + graph.keySet());
        List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles (each group depends on itself round a loop)");
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a"));
        graph.put("d", Set.of("a"));
        assertEquals(List.of(List.of("a", "b", "c")), stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList());
    }

    private static String top(String pkg) {
        return String.join(".", java.util.Arrays.copyOf(pkg.split("\\."), 3));
    }

    /** Package -> the project's packages it uses (self-references left out). */
    private static Map<String, Set<String>> packageGraph() {
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none"));
        for (String module : MODULES) {
            Path classes = Path.of("..", module, "target", "classes");
            assertTrue(Files.isDirectory(classes), classes + " is built before the tests run");
            args.add(classes.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int rc = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args.toArray(String[]::new));
        assertEquals(0, rc, "jdeps failed");
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split("\\s+");
            // "   net.whoisd.server.update    -> net.whoisd.server.mail    classes"
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("net.whoisd.")) {
                graph.computeIfAbsent(f[0], k -> new TreeSet<>());
                if (f[2].startsWith("net.whoisd.") && !f[2].equals(f[0])) {
                    graph.get(f[0]).add(f[2]);
                }
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components, each sorted. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            component.sort(null);
            out.add(component);
        }
    }
}

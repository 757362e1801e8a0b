import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.netbeans.lib.profiler.heap.ArrayItemValue;
import org.netbeans.lib.profiler.heap.FieldValue;
import org.netbeans.lib.profiler.heap.GCRoot;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.ObjectArrayInstance;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;

/**
 * What holds a heap dump's memory: the objects with the largest retained size (what would be freed
 * with them), each with its path to a GC root, so the owning component can be named; then the
 * retained size of every instance of the classes given as regular expressions.
 *
 * Uses the NetBeans profiler's heap library (the one VisualVM uses), from Maven Central:
 *   mvn dependency:get -Dartifact=org.netbeans.modules:org-netbeans-lib-profiler:RELEASE220
 *   java -Xmx4g -cp ~/.m2/repository/org/netbeans/modules/org-netbeans-lib-profiler/RELEASE220/org-netbeans-lib-profiler-RELEASE220.jar \
 *        bench/faults/HeapOwners.java DUMP.hprof [TOP=60] [CLASS_REGEX ...]
 * Retained sizes are computed from the dominator tree (a few minutes for a 500 MB dump on 2 cores).
 * An object listed under another ("in #k") is reached only through it: its bytes are part of #k's.
 *
 * With --components instead of TOP, it attributes every live object to one component instead:
 * memory shared by several owners (the validator's definitions are reachable from many objects, so
 * no single object retains them) goes to the first component in the list below that reaches it,
 * walking outgoing references from that component's root objects without entering another
 * component's roots, classes, class loaders, threads or the Spring context. What no component
 * reaches is "the rest". Sizes are the library's (8-byte references), larger than the JVM's own
 * (compressed references); the shares are what to read.
 */
public class HeapOwners {
    static Heap heap;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: HeapOwners DUMP.hprof [TOP=60 [CLASS_REGEX ...] | --components]");
            System.exit(2);
        }
        long t = System.currentTimeMillis();
        heap = HeapFactory.createHeap(new File(args[0]));
        if (args.length > 1 && args[1].equals("--components")) {
            Components.run(heap);
            return;
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        System.out.printf("# %s: %,d instances, %.1f MB live (%d s to open)%n", args[0], heap.getSummary().getTotalLiveInstances(),
                heap.getSummary().getTotalLiveBytes() / 1048576.0, (System.currentTimeMillis() - t) / 1000);
        t = System.currentTimeMillis();
        @SuppressWarnings("unchecked")
        List<Instance> biggest = heap.getBiggestObjectsByRetainedSize(top);
        System.out.printf("# dominators computed in %d s%n%n", (System.currentTimeMillis() - t) / 1000);
        Map<Instance, Integer> rank = new IdentityHashMap<>();
        Map<Long, Integer> rankById = new HashMap<>();
        int k = 0;
        System.out.println("| # | retained MB | object | inside | path to GC root (nearest first) |");
        System.out.println("|---:|---:|---|---|---|");
        for (Instance i : biggest) {
            k++;
            rank.put(i, k);
            rankById.put(i.getInstanceId(), k);
            List<String> path = new ArrayList<>();
            String inside = "";
            Instance c = i;
            for (int d = 0; d < 40; d++) {
                Instance p = c.getNearestGCRootPointer();
                if (p == null || p.getInstanceId() == c.getInstanceId()) {
                    GCRoot r = heap.getGCRoot(c);
                    path.add("root: " + (r == null ? "?" : r.getKind()));
                    break;
                }
                Integer pr = rankById.get(p.getInstanceId());
                if (pr != null && inside.isEmpty()) {
                    inside = "#" + pr;
                }
                path.add(describe(p) + "." + fieldName(p, c));
                c = p;
            }
            if (path.size() > 14) {
                List<String> shortPath = new ArrayList<>(path.subList(0, 8));
                shortPath.add("…");
                shortPath.addAll(path.subList(path.size() - 5, path.size()));
                path = shortPath;
            }
            System.out.printf("| %d | %.1f | %s | %s | %s |%n", k, i.getRetainedSize() / 1048576.0, describe(i), inside,
                    String.join(" ← ", path));
        }
        for (int a = 2; a < args.length; a++) {
            Pattern pat = Pattern.compile(args[a]);
            System.out.printf("%n## classes matching %s%n%n| class | instance | retained MB |%n|---|---|---:|%n", args[a]);
            for (Object o : heap.getAllClasses()) {
                JavaClass jc = (JavaClass) o;
                if (!pat.matcher(jc.getName()).find()) {
                    continue;
                }
                for (Object io : jc.getInstances()) {
                    Instance i = (Instance) io;
                    System.out.printf("| %s | #%d | %.1f |%n", jc.getName(), i.getInstanceNumber(), i.getRetainedSize() / 1048576.0);
                }
            }
        }
    }

    static String describe(Instance i) {
        String n = i.getJavaClass().getName();
        if (n.equals("java.lang.Class")) {
            JavaClass jc = heap.getJavaClassByID(i.getInstanceId());
            return "class " + (jc == null ? "?" : jc.getName());
        }
        int dot = n.lastIndexOf('.', n.lastIndexOf('.') - 1);
        String shortName = n.startsWith("java.") ? n.substring(n.lastIndexOf('.') + 1) : n;
        if (i instanceof ObjectArrayInstance) {
            return shortName + "(" + ((ObjectArrayInstance) i).getLength() + ")";
        }
        return shortName;
    }

    static String fieldName(Instance parent, Instance child) {
        if (parent instanceof ObjectArrayInstance) {
            @SuppressWarnings("unchecked")
            List<Instance> items = ((ObjectArrayInstance) parent).getValues();
            for (int x = 0; x < items.size(); x++) {
                if (items.get(x) != null && items.get(x).getInstanceId() == child.getInstanceId()) {
                    return "[" + x + "]";
                }
            }
            return "[]";
        }
        for (Object o : parent.getFieldValues()) {
            if (o instanceof ObjectFieldValue && ((ObjectFieldValue) o).getInstance() != null
                    && ((ObjectFieldValue) o).getInstance().getInstanceId() == child.getInstanceId()) {
                return ((FieldValue) o).getField().getName();
            }
        }
        if (parent.getJavaClass().getName().equals("java.lang.Class")) {
            JavaClass jc = heap.getJavaClassByID(parent.getInstanceId());
            if (jc != null) {
                for (Object o : jc.getStaticFieldValues()) {
                    if (o instanceof ObjectFieldValue && ((ObjectFieldValue) o).getInstance() != null
                            && ((ObjectFieldValue) o).getInstance().getInstanceId() == child.getInstanceId()) {
                        return "static " + ((FieldValue) o).getField().getName();
                    }
                }
            }
        }
        return "?";
    }

    /** Greedy attribution of live objects to components, in order. */
    static final class Components {
        static final String[][] LIST = {
            {"HL7 validator: pooled InstanceValidators and their worker contexts (R5 conversions, snapshots, FHIRPath engines)",
             "^org\\.releasedpn\\.fhir\\.conformance\\.ReusingInstanceValidator$|^org\\.hl7\\.fhir\\.validation\\.instance\\.InstanceValidator$|VersionSpecificWorkerContextWrapper$|WorkerContextValidationSupportAdapter$|^org\\.hl7\\.fhir\\.r5\\.context\\."},
            {"HAPI DefaultProfileValidationSupport: R4 core StructureDefinitions/ValueSets/CodeSystems as R4 objects",
             "ca\\.uhn\\.fhir\\.context\\.support\\.DefaultProfileValidationSupport(BundleStrategy)?$"},
            {"Validation support chain and terminology (trial package, in-memory terminology, caches)",
             "ValidationSupportChain$|InMemoryTerminologyServerValidationSupport$|PrePopulatedValidationSupport$|CommonCodeSystemsTerminologyService$|^org\\.releasedpn\\.fhir\\.(terminology|validation|installation|guides)\\."},
            {"FhirContext model definitions (R4, R5)", "^ca\\.uhn\\.fhir\\.context\\.FhirContext$"},
            {"H2 database (MVStore, page cache, chunks)", "^org\\.h2\\.engine\\.Database$|^org\\.h2\\.mvstore\\.MVStore$"},
            {"Hibernate (session factory, metamodel, query caches, HQL parser tables)",
             "^org\\.hibernate\\.internal\\.SessionFactoryImpl$|^org\\.hibernate\\.grammars\\.hql\\.HqlParser$|^org\\.hibernate\\.engine\\.internal\\.StatefulPersistenceContext$"},
            {"HAPI JPA caches and registries (MemoryCacheService, search params, resource versions)",
             "^ca\\.uhn\\.fhir\\.jpa\\.util\\.MemoryCacheService$|^ca\\.uhn\\.fhir\\.jpa\\.searchparam\\.registry\\.|^ca\\.uhn\\.fhir\\.jpa\\.cache\\.|^ca\\.uhn\\.fhir\\.jpa\\.search\\.cache\\."},
            {"HAPI transaction/request in flight (bundle processing, sub-requests)",
             "^ca\\.uhn\\.fhir\\.jpa\\.dao\\.(BaseTransactionProcessor|TransactionProcessor)\\$|^ca\\.uhn\\.fhir\\.rest\\.server\\.servlet\\.ServletRequestDetails$"},
            {"HAPI RestfulServer (bindings, cached CapabilityStatement)", "^ca\\.uhn\\.fhir\\.rest\\.server\\.RestfulServer$"},
            {"Jetty (server, connectors, buffers)", "^org\\.eclipse\\.jetty\\.server\\.Server$|ByteBufferPool$"},
            {"Spring data / Spring context", "^org\\.springframework\\.context\\.annotation\\.AnnotationConfigApplicationContext$|^org\\.springframework\\.beans\\.factory\\.support\\.DefaultListableBeanFactory$"},
        };
        static final Pattern BARRIER = Pattern.compile("^java\\.lang\\.(Class|Thread)$|ClassLoader|^java\\.lang\\.ref\\.");

        static void run(Heap heap) {
            LongSet owned = new LongSet(1 << 24);
            List<Pattern> pats = new ArrayList<>();
            for (String[] c : LIST) {
                pats.add(Pattern.compile(c[1]));
            }
            // every instance of every component's root classes is a barrier for the others
            LongSet rootIds = new LongSet(1 << 16);
            List<List<Instance>> roots = new ArrayList<>();
            for (Pattern p : pats) {
                List<Instance> r = new ArrayList<>();
                for (Object o : heap.getAllClasses()) {
                    JavaClass jc = (JavaClass) o;
                    if (!p.matcher(jc.getName()).find()) {
                        continue;
                    }
                    for (Object io : jc.getInstances()) {
                        r.add((Instance) io);
                        rootIds.add(((Instance) io).getInstanceId());
                    }
                    for (Object fv : jc.getStaticFieldValues()) {
                        if (fv instanceof ObjectFieldValue && ((ObjectFieldValue) fv).getInstance() != null) {
                            r.add(((ObjectFieldValue) fv).getInstance());
                        }
                    }
                }
                roots.add(r);
            }
            long total = heap.getSummary().getTotalLiveBytes();
            System.out.println("| component | roots | objects | MB (library sizes) | share of live heap | largest parts (MB) |");
            System.out.println("|---|---:|---:|---:|---:|---|");
            long sum = 0;
            for (int c = 0; c < LIST.length; c++) {
                long[] r = walk(roots.get(c), owned, rootIds);
                sum += r[1];
                System.out.printf("| %s | %d | %,d | %.1f | %.1f %% | %s |%n", LIST[c][0], roots.get(c).size(), r[0], r[1] / 1048576.0, 100.0 * r[1] / total, lastGroups);
            }
            List<Instance> frames = new ArrayList<>();
            for (Object o : heap.getGCRoots()) {
                GCRoot g = (GCRoot) o;
                if (GCRoot.JAVA_FRAME.equals(g.getKind()) && g.getInstance() != null) {
                    frames.add(g.getInstance());
                }
            }
            long[] fr = walk(frames, owned, rootIds);
            sum += fr[1];
            System.out.printf("| held by running methods' local variables (requests in flight, Java-frame roots) | %d | %,d | %.1f | %.1f %% | %s |%n",
                    frames.size(), fr[0], fr[1] / 1048576.0, 100.0 * fr[1] / total, lastGroups);
            System.out.printf("| the rest (class statics, JDK, zip directories, interned strings, other) | | | %.1f | %.1f %% |%n",
                    (total - sum) / 1048576.0, 100.0 * (total - sum) / total);
            System.out.printf("| total live | | | %.1f | 100 %% |%n", total / 1048576.0);
        }

        static long[] walk(List<Instance> start, LongSet owned, LongSet rootIds) {
            java.util.ArrayDeque<Instance> q = new java.util.ArrayDeque<>();
            long n = 0, bytes = 0;
            LongSet mine = new LongSet(1 << 10);
            for (Instance i : start) {
                mine.add(i.getInstanceId());
            }
            for (Instance i : start) {
                if (owned.add(i.getInstanceId())) {
                    q.add(i);
                }
            }
            Map<String, Long> groups = new HashMap<>();
            while (!q.isEmpty()) {
                Instance i = q.poll();
                n++;
                bytes += i.getSize();
                groups.merge(group(i.getJavaClass().getName()), i.getSize(), Long::sum);
                List<?> out;
                if (i instanceof ObjectArrayInstance) {
                    out = ((ObjectArrayInstance) i).getValues();
                } else {
                    List<Instance> l = new ArrayList<>();
                    for (Object o : i.getFieldValues()) {
                        if (o instanceof ObjectFieldValue) {
                            l.add(((ObjectFieldValue) o).getInstance());
                        }
                    }
                    out = l;
                }
                for (Object o : out) {
                    Instance c = (Instance) o;
                    if (c == null) {
                        continue;
                    }
                    long id = c.getInstanceId();
                    if (owned.contains(id) || (rootIds.contains(id) && !mine.contains(id))) {
                        continue;
                    }
                    if (BARRIER.matcher(c.getJavaClass().getName()).find()) {
                        continue;
                    }
                    owned.add(id);
                    q.add(c);
                }
            }
            StringBuilder sb = new StringBuilder();
            groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                    .forEach(e -> sb.append(String.format("%s %.1f; ", e.getKey(), e.getValue() / 1048576.0)));
            lastGroups = sb.toString();
            return new long[] {n, bytes};
        }

        static String lastGroups = "";

        static String group(String cls) {
            String c = cls.replace("[]", "");
            if (c.indexOf('.') < 0) {
                return "primitive arrays";
            }
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                return c.equals("java.lang.String") ? "String" : "JDK collections/other";
            }
            String[] p = c.split("\\.");
            return String.join(".", java.util.Arrays.copyOf(p, Math.min(p.length - 1, 4)));
        }
    }

    /** Open-addressing set of non-zero longs. */
    static final class LongSet {
        long[] t;
        int size;

        LongSet(int cap) {
            t = new long[cap];
        }

        boolean contains(long v) {
            int m = t.length - 1;
            for (int h = (int) (mix(v) & m); ; h = (h + 1) & m) {
                if (t[h] == 0) {
                    return false;
                }
                if (t[h] == v) {
                    return true;
                }
            }
        }

        boolean add(long v) {
            if (size * 2 > t.length) {
                long[] old = t;
                t = new long[old.length * 2];
                size = 0;
                for (long x : old) {
                    if (x != 0) {
                        add(x);
                    }
                }
            }
            int m = t.length - 1;
            for (int h = (int) (mix(v) & m); ; h = (h + 1) & m) {
                if (t[h] == 0) {
                    t[h] = v;
                    size++;
                    return true;
                }
                if (t[h] == v) {
                    return false;
                }
            }
        }

        static long mix(long v) {
            v ^= v >>> 33;
            v *= 0xff51afd7ed558ccdL;
            v ^= v >>> 33;
            return v;
        }
    }
}

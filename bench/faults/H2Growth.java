import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * H2 alone: the file size after N single-row commits, with the server's URL options or others, and
 * optionally the MVStore compacted every K commits. Shows that with WRITE_DELAY=0 the file (and the
 * chunk bookkeeping on the heap) grows with every commit, because no background thread does H2's
 * housekeeping.
 *
 *   H2=~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar
 *   java -cp $H2 bench/faults/H2Growth.java /tmp/h2a ";WRITE_DELAY=0" 20000            # the server's setting
 *   java -cp $H2 bench/faults/H2Growth.java /tmp/h2b "" 20000                          # H2's default write delay
 *   java -cp $H2 bench/faults/H2Growth.java /tmp/h2c ";WRITE_DELAY=0" 20000 2000 200   # compactFile(200 ms) every 2000 commits
 *   java -cp $H2 bench/faults/H2Growth.java /tmp/h2d ";WRITE_DELAY=0" 20000 500        # compact(90, 16 MB) every 500 commits
 */
public class H2Growth {
    public static void main(String[] a) throws Exception {
        String dir = a[0];
        String opts = a[1];
        int n = Integer.parseInt(a[2]);
        Files.createDirectories(Path.of(dir));
        Path file = Path.of(dir, "t.mv.db");
        try (Connection c = DriverManager.getConnection("jdbc:h2:async:" + dir + "/t" + opts)) {
            c.createStatement().execute("create table if not exists r(id bigint auto_increment primary key, a varchar(200), "
                    + "b varchar(200), c bigint, d timestamp)");
            c.createStatement().execute("create index if not exists ia on r(a)");
            c.createStatement().execute("create index if not exists ib on r(b)");
            c.createStatement().execute("create index if not exists ic on r(c)");
            c.setAutoCommit(false);
            PreparedStatement p = c.prepareStatement("insert into r(a,b,c,d) values(?,?,?,current_timestamp)");
            long t = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                p.setString(1, "family-" + i);
                p.setString(2, java.util.UUID.randomUUID().toString());
                p.setLong(3, i * 7919L % 100000);
                p.executeUpdate();
                c.commit();
                if (a.length > 3 && (i + 1) % Integer.parseInt(a[3]) == 0) {
                    org.h2.mvstore.MVStore s = ((org.h2.engine.SessionLocal) ((org.h2.jdbc.JdbcConnection) c).getSession())
                            .getDatabase().getStore().getMvStore();
                    if (a.length > 4) {
                        s.compactFile(Integer.parseInt(a[4]));
                    } else {
                        s.compact(90, 16 << 20);
                    }
                }
                if ((i + 1) % Math.max(1, n / 4) == 0) {
                    System.out.printf("%s %d commits: file %.1f MB, %d s%n", opts, i + 1, Files.size(file) / 1048576.0,
                            (System.currentTimeMillis() - t) / 1000);
                }
            }
        }
        System.out.printf("%s after close: %.1f MB%n", opts, Files.size(file) / 1048576.0);
    }
}

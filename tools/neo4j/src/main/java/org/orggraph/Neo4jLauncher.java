package org.orggraph;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j Community server with Bolt on 127.0.0.1 and a free port, writes
 * NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD lines to the given env file once it accepts connections,
 * and runs until it is killed. Authentication is on, with the password given (so that clients
 * meet a real server's rules, wrong passwords included); it listens on loopback only.
 *
 * Usage: java -cp ... org.orggraph.Neo4jLauncher DATA_DIR ENV_FILE PASSWORD [PORT]
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path envFile = Path.of(args[1]).toAbsolutePath();
        String password = args[2];
        int port = args.length > 3 ? Integer.parseInt(args[3]) : freePort();
        Files.createDirectories(home);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        // Embedded code is trusted: it may set the password that Bolt clients must then give.
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // wait until it is up
        String env = "NEO4J_URI=bolt://127.0.0.1:" + port + "\nNEO4J_USER=neo4j\nNEO4J_PASSWORD=" + password + "\n";
        Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
        Files.writeString(tmp, env);
        Files.move(tmp, envFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.print(env);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package dev.bulwark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark status --node URL}: the node's status (GET /status) as JSON; exit 1 if the node refuses or is unreachable. */
@Command(name = "status", description = "Prints a node's status (height, round, stored height, app hash, peers, mempool).")
public final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--node", required = true, description = "The node's API, e.g. http://127.0.0.1:26750")
    String node;

    @Override
    public Integer call() throws Exception {
        try {
            ApiClient.Answer a = new ApiClient(node).get("/status");
            (a.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(a);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return a.ok() ? 0 : 1;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("status: " + node + ": " + e);
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}

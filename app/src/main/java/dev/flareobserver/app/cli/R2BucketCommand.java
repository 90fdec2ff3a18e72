package dev.flareobserver.app.cli;

import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Location;
import dev.flareobserver.api.r2.R2StorageClass;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flare-observer r2 bucket list|create|delete}. */
@Command(name = "bucket", mixinStandardHelpOptions = true, description = "List, create and delete R2 buckets.",
        subcommands = {R2BucketCommand.ListBuckets.class, R2BucketCommand.CreateBucket.class,
                R2BucketCommand.DeleteBucket.class})
final class R2BucketCommand implements Callable<Integer> {

    @ParentCommand
    R2Command parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(parent.ctx().err());
        return FlareCli.USAGE;
    }

    CliContext ctx() {
        return parent.ctx();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The account's buckets, by name.")
    static final class ListBuckets implements Callable<Integer> {
        @ParentCommand
        R2BucketCommand parent;

        @Option(names = "--json", description = "Print JSON (an array of {name, creation_date, location, storage_class}).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            return R2Cli.withService(ctx, "Listing buckets", r2 -> {
                List<R2Bucket> buckets = r2.buckets();
                if (json) {
                    R2Cli.printJson(ctx, buckets.stream().map(R2Cli::json).toList());
                } else {
                    ctx.out().printf(Locale.ROOT, "%-40s %-9s %-17s %s%n", "NAME", "LOCATION", "STORAGE CLASS",
                            "CREATED");
                    for (R2Bucket b : buckets) {
                        ctx.out().printf(Locale.ROOT, "%-40s %-9s %-17s %s%n", b.name(),
                                b.location() == null ? "" : b.location().wireValue(),
                                b.storageClass() == null ? "" : b.storageClass().wireValue(),
                                b.creationDate() == null ? "" : R2Cli.TIME.format(b.creationDate()));
                    }
                }
                return FlareCli.OK;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a bucket. Names: 3 to 63 characters, lowercase letters, digits and hyphens, "
                    + "starting and ending with a letter or digit.")
    static final class CreateBucket implements Callable<Integer> {
        @ParentCommand
        R2BucketCommand parent;

        @Parameters(paramLabel = "NAME", description = "The new bucket's name.")
        String name;

        @Option(names = "--location", paramLabel = "HINT",
                description = "Where to place it: apac, eeur, enam, weur, wnam or oc (default: Cloudflare chooses).")
        String location;

        @Option(names = "--storage-class", paramLabel = "CLASS",
                description = "Default storage class of its objects: Standard (default) or InfrequentAccess.")
        String storageClass;

        @Option(names = "--json", description = "Print the created bucket as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            R2Location hint = null;
            if (location != null) {
                hint = R2Location.fromWire(location);
                if (hint == R2Location.UNKNOWN) {
                    ctx.err().println("--location must be one of apac, eeur, enam, weur, wnam, oc (got '" + location + "')");
                    return FlareCli.USAGE;
                }
            }
            R2StorageClass cls = null;
            if (storageClass != null) {
                cls = R2StorageClass.fromWire(storageClass);
                if (cls == R2StorageClass.UNKNOWN) {
                    ctx.err().println("--storage-class must be Standard or InfrequentAccess (got '" + storageClass + "')");
                    return FlareCli.USAGE;
                }
            }
            R2Location chosenHint = hint;
            R2StorageClass chosenClass = cls;
            return R2Cli.withService(ctx, "Creating bucket " + name, r2 -> {
                R2Bucket created = r2.createBucket(name, chosenHint, chosenClass);
                if (json) {
                    R2Cli.printJson(ctx, R2Cli.json(created));
                } else {
                    ctx.out().println("Created bucket " + created.name()
                            + (created.location() == null ? "" : " in " + created.location().wireValue())
                            + (created.storageClass() == null ? "" : " (" + created.storageClass().wireValue() + ")."));
                }
                return FlareCli.OK;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an empty bucket. Type its name a second time with --confirm: nothing is deleted "
                    + "unless the two match exactly. Cloudflare refuses a bucket that still holds objects.")
    static final class DeleteBucket implements Callable<Integer> {
        @ParentCommand
        R2BucketCommand parent;

        @Parameters(paramLabel = "NAME", description = "The bucket to delete.")
        String name;

        @Option(names = "--confirm", paramLabel = "NAME", required = true,
                description = "The bucket's name again, exactly, to confirm the delete.")
        String confirm;

        @Option(names = "--json", description = "Print {\"deleted\": NAME} as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            return R2Cli.withService(ctx, "Deleting bucket " + name, r2 -> {
                r2.deleteBucket(name, confirm);
                if (json) {
                    R2Cli.printJson(ctx, Map.of("deleted", name));
                } else {
                    ctx.out().println("Deleted bucket " + name + ".");
                }
                return FlareCli.OK;
            });
        }
    }
}

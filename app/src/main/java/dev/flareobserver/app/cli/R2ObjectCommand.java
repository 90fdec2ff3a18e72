package dev.flareobserver.app.cli;

import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.api.r2.R2StorageClass;
import dev.flareobserver.orchestration.resources.r2.R2Download;
import dev.flareobserver.orchestration.resources.r2.R2FolderPage;
import dev.flareobserver.orchestration.resources.r2.R2Files;
import dev.flareobserver.orchestration.resources.r2.R2Upload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flare-observer r2 object list|get|put|delete}: objects addressed as BUCKET/KEY, as wrangler does. */
@Command(name = "object", mixinStandardHelpOptions = true,
        description = "List, download, upload and delete R2 objects (BUCKET/KEY, as wrangler writes them).",
        subcommands = {R2ObjectCommand.ListObjects.class, R2ObjectCommand.GetObject.class,
                R2ObjectCommand.PutObject.class, R2ObjectCommand.DeleteObject.class})
final class R2ObjectCommand implements Callable<Integer> {

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

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One folder level of a bucket (BUCKET or BUCKET/FOLDER): its sub-folders and objects, "
                    + "every page. What wrangler cannot list.")
    static final class ListObjects implements Callable<Integer> {
        @ParentCommand
        R2ObjectCommand parent;

        @Parameters(paramLabel = "BUCKET[/FOLDER]", description = "The bucket, optionally with a folder in it.")
        String path;

        @Option(names = "--json", description = "Print JSON: {bucket, prefix, folders: [...], objects: [...]}.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            return R2Cli.withService(ctx, "Listing " + path, r2 -> {
                String[] bk = R2Cli.bucketAndKey(path);
                // "bucket/docs" means the folder docs/, as a shell user would expect.
                String prefix = bk[1].isEmpty() || bk[1].endsWith("/") ? bk[1] : bk[1] + "/";
                List<String> folders = new ArrayList<>();
                List<R2Object> objects = new ArrayList<>();
                String cursor = null;
                do {
                    R2FolderPage page = r2.folder(bk[0], prefix, cursor);
                    folders.addAll(page.folders());
                    objects.addAll(page.objects());
                    cursor = page.nextCursor();
                } while (cursor != null);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("bucket", bk[0]);
                    out.put("prefix", prefix);
                    out.put("folders", folders);
                    out.put("objects", objects.stream().map(R2Cli::json).toList());
                    R2Cli.printJson(ctx, out);
                } else {
                    ctx.out().printf(Locale.ROOT, "%-16s %10s  %s%n", "MODIFIED", "SIZE", "KEY");
                    folders.forEach(f -> ctx.out().printf(Locale.ROOT, "%-16s %10s  %s%n", "", "DIR",
                            R2Files.printable(f)));
                    for (R2Object o : objects) {
                        ctx.out().printf(Locale.ROOT, "%-16s %10s  %s%n",
                                o.lastModified() == null ? "" : R2Cli.TIME.format(o.lastModified()),
                                R2Files.size(o.size()), R2Files.printable(o.key()));
                    }
                }
                return FlareCli.OK;
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Download an object to a file, streamed, with progress on stderr. The file appears only "
                    + "once complete; Ctrl+C stops the download and leaves no partial file.")
    static final class GetObject implements Callable<Integer> {
        @ParentCommand
        R2ObjectCommand parent;

        @Parameters(paramLabel = "BUCKET/KEY", description = "The object.")
        String path;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE",
                description = "Where to save it (default: the key's last part, in the current directory).")
        Path file;

        @Option(names = "--json", description = "Print JSON: {bucket, key, file, bytes, etag, content_type}.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            return R2Cli.withService(ctx, "Downloading " + path, r2 -> {
                String[] bk = R2Cli.bucketAndKey(path);
                Path target = (file != null ? file : Path.of(R2Files.name(bk[1]))).toAbsolutePath();
                R2Download done = R2Cli.transfer(ctx, task -> r2.download(bk[0], bk[1], target, task));
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("bucket", done.bucket());
                    out.put("key", done.key());
                    out.put("file", done.file().toString());
                    out.put("bytes", done.bytes());
                    out.put("etag", done.etag());
                    out.put("content_type", done.contentType());
                    R2Cli.printJson(ctx, out);
                } else {
                    ctx.out().println("Downloaded " + done.key() + " (" + R2Files.size(done.bytes()) + ") to "
                            + done.file());
                }
                return FlareCli.OK;
            });
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Upload a file (at most 300 MiB) as an object, streamed, with progress on stderr. Ctrl+C "
                    + "stops the upload and nothing is stored.")
    static final class PutObject implements Callable<Integer> {
        @ParentCommand
        R2ObjectCommand parent;

        @Parameters(paramLabel = "BUCKET/KEY", description = "Where to store it.")
        String path;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The file to upload.")
        Path file;

        @Option(names = "--content-type", paramLabel = "TYPE",
                description = "Its content type (default: from the file name, else application/octet-stream).")
        String contentType;

        @Option(names = "--metadata", paramLabel = "NAME=VALUE", description = "Custom metadata (repeatable).")
        Map<String, String> metadata = new LinkedHashMap<>();

        @Option(names = "--storage-class", paramLabel = "CLASS",
                description = "Standard or InfrequentAccess (default: the bucket's).")
        String storageClass;

        @Option(names = "--json", description = "Print the stored object as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            R2StorageClass cls = storageClass == null ? null : R2StorageClass.fromWire(storageClass);
            if (cls == R2StorageClass.UNKNOWN) {
                ctx.err().println("--storage-class must be Standard or InfrequentAccess (got '" + storageClass + "')");
                return FlareCli.USAGE;
            }
            return R2Cli.withService(ctx, "Uploading " + path, r2 -> {
                String[] bk = R2Cli.bucketAndKey(path);
                R2Upload upload = R2Upload.of(bk[0], bk[1], file.toAbsolutePath()).withContentType(contentType)
                        .withCustomMetadata(metadata).withStorageClass(cls);
                R2Object stored = R2Cli.transfer(ctx, task -> r2.upload(upload, task));
                if (json) {
                    R2Cli.printJson(ctx, R2Cli.json(stored));
                } else {
                    ctx.out().println("Uploaded " + file + " (" + R2Files.size(stored.size()) + ") to " + bk[0] + "/"
                            + stored.key());
                }
                return FlareCli.OK;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an object. Needs --yes: R2 keeps no earlier version.")
    static final class DeleteObject implements Callable<Integer> {
        @ParentCommand
        R2ObjectCommand parent;

        @Parameters(paramLabel = "BUCKET/KEY", description = "The object.")
        String path;

        @Option(names = "--yes", description = "Confirm the delete (without it nothing is deleted).")
        boolean yes;

        @Option(names = "--json", description = "Print {\"deleted\": \"BUCKET/KEY\"} as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = parent.ctx();
            if (!yes) {
                ctx.err().println("Add --yes to delete " + path + ": R2 keeps no earlier version of an object.");
                return FlareCli.USAGE;
            }
            return R2Cli.withService(ctx, "Deleting " + path, r2 -> {
                String[] bk = R2Cli.bucketAndKey(path);
                // The key on the command line is the typed confirmation; --yes says it was meant.
                r2.deleteObject(bk[0], bk[1], bk[1]);
                if (json) {
                    R2Cli.printJson(ctx, Map.of("deleted", path));
                } else {
                    ctx.out().println("Deleted " + path + ".");
                }
                return FlareCli.OK;
            });
        }
    }
}

package dev.flareobserver.app.page.logs;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to write an export. The app uses the native save dialog; UI tests pass one that returns a
 * temporary file, so they never need a native window.
 */
@FunctionalInterface
public interface ExportFileChooser {

    /** The file to write, or empty when the user cancelled. UI thread. */
    Optional<Path> choose(ExportFormat format, String suggestedName, Window owner);

    /** The platform's save dialog, starting in the user's home directory. */
    static ExportFileChooser nativeDialog() {
        return (format, suggestedName, owner) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export logs as " + format.label());
            chooser.setInitialFileName(suggestedName);
            File home = new File(System.getProperty("user.home", "."));
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label(),
                    "*." + format.extension()));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
            File chosen = chooser.showSaveDialog(owner);
            return Optional.ofNullable(chosen).map(File::toPath);
        };
    }
}

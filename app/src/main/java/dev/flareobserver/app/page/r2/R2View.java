package dev.flareobserver.app.page.r2;

import atlantafx.base.theme.Styles;
import dev.flareobserver.api.r2.R2Bucket;
import dev.flareobserver.api.r2.R2Object;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.page.resources.TypedConfirmDialog;
import dev.flareobserver.app.page.resources.WriteLockModel;
import dev.flareobserver.orchestration.resources.r2.R2Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The R2 page's nodes: buckets on the left; on the right the breadcrumb bar, the object table of the open
 * folder (folders first), the selected object's metadata, and the running transfers. Write buttons are
 * disabled while writes are locked, with the hint as their tooltip. Only binds to and calls {@link R2ViewModel}.
 */
final class R2View {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final R2ViewModel vm;
    private final ResourcePageContext context;
    private final ZoneId zone = ZoneId.systemDefault();
    private VBox root;

    R2View(R2ViewModel vm, ResourcePageContext context) {
        this.vm = vm;
        this.context = context;
    }

    Node build() {
        SplitPane split = new SplitPane(bucketsPane(), browserPane());
        split.setDividerPositions(0.24);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label status = new Label();
        status.setId("r2-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.problemProperty().addListener((obs, old, now) -> {
            status.getStyleClass().remove(Styles.DANGER);
            if (now != null) {
                status.getStyleClass().add(Styles.DANGER);
                status.setTooltip(now.details().isBlank() ? null : new Tooltip(now.details()));
            }
        });
        root = new VBox(10, split, transfersPane(), status);
        root.getStyleClass().add("page");
        return root;
    }

    // --- buckets -------------------------------------------------------------------------------------

    private Node bucketsPane() {
        Label title = new Label("Buckets");
        title.getStyleClass().add(Styles.TITLE_4);
        Button create = button("r2-new-bucket", "New…", Feather.PLUS);
        create.setOnAction(e -> R2CreateBucketDialog.ask(window(), vm::bucketNameProblem)
                .ifPresent(r -> vm.createBucket(r.name(), r.locationHint(), r.storageClass())));
        Button delete = button("r2-delete-bucket", "Delete…", Feather.TRASH_2);
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> {
            R2Bucket b = vm.bucketProperty().get();
            if (b != null) {
                TypedConfirmDialog.ask(window(), "R2 bucket", b.name(), "The bucket must be empty: Cloudflare "
                        + "refuses to delete a bucket that still holds objects.").ifPresent(vm::deleteBucket);
            }
        });
        guardWrite(create, null);
        guardWrite(delete, vm.bucketProperty().isNull());

        ListView<R2Bucket> list = new ListView<>(vm.buckets());
        list.setId("r2-buckets");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(R2Bucket b, boolean empty) {
                super.updateItem(b, empty);
                if (empty || b == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label name = new Label(b.name());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label where = new Label((b.location() == null ? "" : b.location().wireValue())
                        + (b.storageClass() == null ? "" : " · " + b.storageClass().wireValue()));
                where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                setText(null);
                setGraphic(new VBox(2, name, where));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(vm.bucketProperty().get())) {
                vm.selectBucket(now);
            }
        });
        Runnable showOpenBucket = () -> {
            R2Bucket open = vm.bucketProperty().get();
            if (open != null && !open.equals(list.getSelectionModel().getSelectedItem())) {
                list.getSelectionModel().select(open);
            }
        };
        vm.bucketProperty().addListener((obs, old, now) -> showOpenBucket.run());
        // A refreshed list loses its selection: mark the open bucket again.
        vm.buckets().addListener((ListChangeListener<R2Bucket>) c -> showOpenBucket.run());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox pane = new VBox(8, title, new HBox(6, create, delete), list);
        pane.setPadding(new Insets(0, 8, 0, 0));
        return pane;
    }

    // --- browser -------------------------------------------------------------------------------------

    private Node browserPane() {
        Button up = button("r2-up", "Up", Feather.ARROW_UP);
        up.disableProperty().bind(vm.prefixProperty().isEmpty());
        up.setOnAction(e -> vm.up());
        HBox crumbs = new HBox(2);
        crumbs.setId("r2-crumbs");
        crumbs.setAlignment(Pos.CENTER_LEFT);
        vm.crumbs().addListener((ListChangeListener<R2ViewModel.Crumb>) c -> showCrumbs(crumbs));

        Button upload = button("r2-upload", "Upload…", Feather.UPLOAD);
        upload.setOnAction(e -> context.files().open("Upload a file to R2", window()).ifPresent(vm::upload));
        guardWrite(upload, vm.bucketProperty().isNull());
        Button download = button("r2-download", "Download…", Feather.DOWNLOAD);
        BooleanBinding noObject = Bindings.createBooleanBinding(
                () -> vm.selectedProperty().get() == null || vm.selectedProperty().get().isFolder(),
                vm.selectedProperty());
        download.disableProperty().bind(noObject);
        download.setOnAction(e -> {
            R2Entry entry = vm.selectedProperty().get();
            if (entry != null) {
                context.files().save("Save " + entry.name(), entry.name(), window())
                        .ifPresent(target -> vm.download(entry, target));
            }
        });
        Button delete = button("r2-delete-object", "Delete…", Feather.TRASH_2);
        delete.getStyleClass().add(Styles.DANGER);
        guardWrite(delete, noObject);
        delete.setOnAction(e -> {
            R2Entry entry = vm.selectedProperty().get();
            if (entry != null && !entry.isFolder()) {
                TypedConfirmDialog.ask(window(), "R2 object", entry.key(), "The object is deleted for good; R2 "
                        + "keeps no earlier version.").ifPresent(typed -> vm.deleteObject(entry, typed));
            }
        });
        Button refresh = button("r2-refresh", "Refresh", Feather.REFRESH_CW);
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(6, up, crumbs, spacer(), upload, download, delete, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<R2Entry> table = entriesTable();
        Button more = button("r2-load-more", "Load more", Feather.CHEVRONS_DOWN);
        more.visibleProperty().bind(vm.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(vm.loadingProperty());
        more.setOnAction(e -> vm.loadMore());
        VBox tableBox = new VBox(6, table, more);
        VBox.setVgrow(table, Priority.ALWAYS);

        SplitPane content = new SplitPane(tableBox, detailsPane());
        content.setOrientation(Orientation.HORIZONTAL);
        content.setDividerPositions(0.7);
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox pane = new VBox(8, bar, content);
        pane.setPadding(new Insets(0, 0, 0, 8));
        return pane;
    }

    private TableView<R2Entry> entriesTable() {
        TableView<R2Entry> table = new TableView<>(vm.entries());
        table.setId("r2-entries");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing here. Choose a bucket, or upload a file into this folder."));
        TableColumn<R2Entry, R2Entry> name = new TableColumn<>("Name");
        name.setPrefWidth(280);
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(R2Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(entry.name());
                    setGraphic(new FontIcon(entry.isFolder() ? Feather.FOLDER : Feather.FILE));
                }
            }
        });
        table.getColumns().add(name);
        table.getColumns().add(column("Size", 90, R2Entry::size));
        table.getColumns().add(column("Type", 160, R2Entry::type));
        table.getColumns().add(column("Last modified", 160, e -> e.isFolder() || e.object().lastModified() == null
                ? "" : TIME.format(e.object().lastModified().atZone(zone))));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.selectedProperty().set(now));
        vm.selectedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            }
        });
        table.setRowFactory(t -> {
            TableRow<R2Entry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            R2Entry entry = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && entry != null) {
                vm.open(entry);
            } else if (e.getCode() == KeyCode.BACK_SPACE) {
                vm.up();
            }
        });
        return table;
    }

    private Node detailsPane() {
        Label title = new Label("Metadata");
        title.getStyleClass().add(Styles.TITLE_4);
        GridPane grid = new GridPane();
        grid.setId("r2-details");
        grid.setHgap(10);
        grid.setVgap(6);
        Label empty = new Label("Select an object to see its metadata.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        vm.detailsProperty().addListener((obs, old, now) -> showDetails(grid, empty, now));
        showDetails(grid, empty, null);
        VBox pane = new VBox(8, title, empty, grid);
        pane.setPadding(new Insets(0, 0, 0, 8));
        pane.setMinWidth(220);
        return pane;
    }

    private void showDetails(GridPane grid, Label empty, R2Object o) {
        grid.getChildren().clear();
        empty.setVisible(o == null);
        empty.setManaged(o == null);
        if (o == null) {
            return;
        }
        int row = 0;
        row = detail(grid, row, "Key", R2Files.printable(o.key()));
        row = detail(grid, row, "Size", R2Files.size(o.size()) + " (" + o.size() + " bytes)");
        row = detail(grid, row, "Content type", o.contentType());
        row = detail(grid, row, "ETag", o.etag());
        row = detail(grid, row, "Last modified", o.lastModified() == null ? null : TIME.format(o.lastModified().atZone(zone)));
        row = detail(grid, row, "Storage class", o.storageClass() == null ? null : o.storageClass().wireValue());
        row = detail(grid, row, "Cache control", o.httpMetadata().cacheControl());
        row = detail(grid, row, "Disposition", o.httpMetadata().contentDisposition());
        for (Map.Entry<String, String> m : o.customMetadata().entrySet()) {
            row = detail(grid, row, m.getKey(), m.getValue());
        }
    }

    private static int detail(GridPane grid, int row, String name, String value) {
        if (value == null || value.isEmpty()) {
            return row;
        }
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        Label text = new Label(value);
        text.setWrapText(true);
        text.setId("r2-detail-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        grid.addRow(row, label, text);
        return row + 1;
    }

    private void showCrumbs(HBox crumbs) {
        crumbs.getChildren().clear();
        for (int i = 0; i < vm.crumbs().size(); i++) {
            R2ViewModel.Crumb crumb = vm.crumbs().get(i);
            if (i > 0) {
                crumbs.getChildren().add(new Label("/"));
            }
            Hyperlink link = new Hyperlink(crumb.label());
            link.setId("r2-crumb-" + i);
            link.setOnAction(e -> vm.openFolder(crumb.prefix()));
            crumbs.getChildren().add(link);
        }
    }

    // --- transfers -----------------------------------------------------------------------------------

    private Node transfersPane() {
        VBox rows = new VBox(4);
        rows.setId("r2-transfers");
        vm.transfers().addListener((ListChangeListener<R2TransferModel>) c -> {
            rows.getChildren().clear();
            vm.transfers().stream().limit(5).forEach(t -> rows.getChildren().add(transferRow(t)));
        });
        return rows;
    }

    private Node transferRow(R2TransferModel t) {
        Label title = new Label(t.title());
        title.setMinWidth(220);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(220);
        bar.progressProperty().bind(t.progressProperty());
        Label message = new Label();
        message.textProperty().bind(t.messageProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.visibleProperty().bind(t.runningProperty());
        cancel.setOnAction(e -> t.cancel());
        HBox row = new HBox(10, title, bar, message, spacer(), cancel);
        row.getStyleClass().add("r2-transfer");
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** A write button: disabled while writes are locked (the tooltip says how to unlock) or {@code also} holds. */
    private void guardWrite(Button button, BooleanBinding also) {
        WriteLockModel lock = context.writeLock();
        BooleanBinding locked = lock.unlockedProperty().not();
        button.disableProperty().bind(also == null ? locked : locked.or(also));
        Tooltip hint = new Tooltip(WriteLockModel.LOCKED_HINT);
        Runnable update = () -> button.setTooltip(lock.isUnlocked() ? null : hint);
        lock.unlockedProperty().addListener((obs, old, now) -> update.run());
        update.run();
    }

    private static Button button(String id, String text, Feather icon) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        return b;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static Node spacer() {
        javafx.scene.layout.Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private Window window() {
        return root == null || root.getScene() == null ? null : root.getScene().getWindow();
    }
}

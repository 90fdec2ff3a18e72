package dev.flareobserver.emulator.d1;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo shop: customers, products, orders and their items, related by foreign keys. At scale 1 it holds
 * 100,000 rows (10,000 + 1,000 + 29,000 + 60,000). The rows are computed inside SQLite from a hash of each row
 * number, so they are the same on every machine and take a fraction of a second; this runs when the database
 * file is first opened, never at emulator start.
 */
final class D1DemoData {

    static final int CUSTOMERS = 10_000;
    static final int PRODUCTS = 1_000;
    static final int ORDERS = 29_000;
    static final int ORDER_ITEMS = 60_000;

    private static final String FIRST = "'[\"Ada\",\"Grace\",\"Alan\",\"Edsger\",\"Barbara\",\"Donald\",\"Margaret\","
            + "\"Ken\",\"Radia\",\"Linus\",\"Frances\",\"Dennis\",\"Hedy\",\"Tim\",\"Katherine\",\"John\",\"Sophie\","
            + "\"Niklaus\",\"Anita\",\"Guido\"]'";
    private static final String LAST = "'[\"Lovelace\",\"Hopper\",\"Turing\",\"Dijkstra\",\"Liskov\",\"Knuth\","
            + "\"Hamilton\",\"Thompson\",\"Perlman\",\"Torvalds\",\"Allen\",\"Ritchie\",\"Lamarr\",\"Berners-Lee\","
            + "\"Johnson\",\"Backus\",\"Wilson\",\"Wirth\",\"Borg\",\"van Rossum\"]'";
    private static final String COUNTRIES = "'[\"US\",\"DE\",\"GB\",\"FR\",\"JP\",\"BR\",\"IN\",\"CA\",\"AU\",\"NL\","
            + "\"SE\",\"ES\"]'";
    private static final String ADJECTIVES = "'[\"Compact\",\"Durable\",\"Silent\",\"Smart\",\"Rapid\",\"Classic\","
            + "\"Solar\",\"Modular\",\"Portable\",\"Wireless\"]'";
    private static final String NOUNS = "'[\"Router\",\"Keyboard\",\"Lamp\",\"Backpack\",\"Speaker\",\"Kettle\","
            + "\"Monitor\",\"Charger\",\"Camera\",\"Bottle\"]'";
    private static final String STATUSES = "'[\"delivered\",\"delivered\",\"delivered\",\"shipped\",\"paid\","
            + "\"pending\",\"refunded\",\"cancelled\"]'";
    /** 2024-01-01T00:00:00Z. */
    private static final long EPOCH = 1_704_067_200L;

    private D1DemoData() {
    }

    /** Creates the tables and rows, divided by {@code scale} (1 = the full 100,000 rows). */
    static void create(Connection c, int scale) throws SQLException {
        int customers = CUSTOMERS / scale;
        int products = PRODUCTS / scale;
        int orders = ORDERS / scale;
        int items = ORDER_ITEMS / scale;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,"
                    + " country TEXT NOT NULL, created_at TEXT NOT NULL)");
            s.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                    + " price_cents INTEGER NOT NULL CHECK (price_cents >= 0), stock INTEGER NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),"
                    + " status TEXT NOT NULL, total_cents INTEGER NOT NULL, created_at TEXT NOT NULL)");
            s.execute("CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),"
                    + " product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL,"
                    + " unit_price_cents INTEGER NOT NULL)");
            s.execute(numbers(customers) + "INSERT INTO customers SELECT i, first || ' ' || last,"
                    + " lower(replace(first || '.' || last, ' ', '-')) || '.' || i || '@example.com', "
                    + pick(COUNTRIES, 12, 3) + ", " + time(EPOCH, 300, 4)
                    + " FROM (SELECT i, " + pick(FIRST, 20, 1) + " AS first, " + pick(LAST, 20, 2) + " AS last FROM n)");
            s.execute(numbers(products) + "INSERT INTO products SELECT i, printf('SKU-%05d', i), "
                    + pick(ADJECTIVES, 10, 5) + " || ' ' || " + pick(NOUNS, 10, 6) + " || ' ' || (100 + i), "
                    + "199 + " + hash(7) + " % 40000, " + hash(8) + " % 500 FROM n");
            s.execute(numbers(orders) + "INSERT INTO orders SELECT i, 1 + " + hash(9) + " % " + customers + ", "
                    + pick(STATUSES, 8, 10) + ", 0, " + time(EPOCH + 30 * 86_400L, 330, 11) + " FROM n");
            // Item i belongs to order ((i - 1) % orders) + 1: every order gets two or three.
            s.execute(numbers(items) + "INSERT INTO order_items SELECT i, ((i - 1) % " + orders + ") + 1, p.id,"
                    + " 1 + " + hash(13) + " % 4, p.price_cents FROM n JOIN products p ON p.id = 1 + "
                    + hash(12) + " % " + products);
            s.execute("CREATE INDEX orders_customer ON orders (customer_id)");
            s.execute("CREATE INDEX order_items_order ON order_items (order_id)");
            s.execute("UPDATE orders SET total_cents = (SELECT sum(quantity * unit_price_cents) FROM order_items"
                    + " WHERE order_id = orders.id)");
            s.execute("CREATE VIEW order_totals AS SELECT o.id, c.name AS customer, o.status, o.total_cents"
                    + " FROM orders o JOIN customers c ON c.id = o.customer_id");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** A CTE of the numbers 1..count named n(i). */
    private static String numbers(int count) {
        return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + count + ") ";
    }

    /** A pseudo-random non-negative number from the row number i and a salt (a multiplicative hash mod a prime). */
    private static String hash(int salt) {
        return "((i * 2654435761 + " + salt + " * 2246822519) % 4294967291)";
    }

    private static String pick(String jsonArray, int size, int salt) {
        return "json_extract(" + jsonArray + ", '$[' || (" + hash(salt) + " % " + size + ") || ']')";
    }

    private static String time(long from, int days, int salt) {
        return "strftime('%Y-%m-%dT%H:%M:%SZ', " + from + " + " + hash(salt) + " % " + (days * 86_400L)
                + ", 'unixepoch')";
    }
}

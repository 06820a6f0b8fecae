-- The schema the rule fixtures assume: they name tables such as `users` and `orders` without
-- creating them, as a migration in the middle of a history would. FixtureTrace runs each fixture
-- on a copy of this schema (every table holding a few rows) to measure what its statements lock.
CREATE TYPE status AS ENUM ('active', 'inactive');
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE countries (id bigint PRIMARY KEY, code text, name text);
CREATE TABLE users (
  id bigint PRIMARY KEY, email text, name text, age int, status text, country_id bigint, team_id bigint,
  created_at timestamptz DEFAULT now(), updated_at timestamptz, deleted_at timestamptz, active boolean,
  price numeric, qty int, score int, bio text, nickname text, role text, data jsonb, tags text[],
  login text, password text, phone text, legacy text, old_name text, notes text, account_id bigint, email_lower text
);
CREATE INDEX users_email_idx ON users (email);
CREATE INDEX users_name_idx ON users (name);
CREATE INDEX users_status_index ON users (status);
CREATE INDEX users_old_idx ON users (legacy);
CREATE INDEX users_id_idx ON users (id);
CREATE TABLE accounts (id bigint PRIMARY KEY, user_id bigint, name text, balance numeric, owner bigint);
CREATE TABLE customers (id bigint PRIMARY KEY, name text, email text);
CREATE TABLE teams (id bigint PRIMARY KEY, name text, owner bigint);
CREATE TABLE orders (
  id bigint PRIMARY KEY, user_id bigint, customer_id bigint, status text, total numeric, amount numeric,
  created_at timestamptz DEFAULT now(), note text, account_id bigint, country_id bigint, item_id bigint
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX orders_old_idx ON orders (note);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX countries_code_idx ON countries (code);
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, name text, price numeric, qty int, sku text, code text);
CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint, kind text, payload jsonb, created_at timestamptz DEFAULT now());
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint, amount numeric);
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint, customer_id bigint, total numeric);
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint, token text);
CREATE TABLE logs (id bigint PRIMARY KEY, message text, created_at timestamptz);
CREATE TABLE audit_log (id bigint PRIMARY KEY, user_id bigint, action text, created_at timestamptz);
CREATE TABLE bookings (id bigint PRIMARY KEY, desk_id bigint, during tstzrange);
CREATE TABLE desks (id bigint PRIMARY KEY, name text);
CREATE TABLE staging (id bigint, payload text);
CREATE TABLE staging_rows (id bigint, payload text);
CREATE TABLE seeds (id bigint, name text);
CREATE TABLE other (id integer PRIMARY KEY, name text);
CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint);
CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint);
CREATE TABLE c (id bigint PRIMARY KEY);
CREATE TABLE order_archive (id bigint PRIMARY KEY, total numeric);
CREATE TABLE cached_reports (id bigint PRIMARY KEY, body text);
CREATE TABLE legacy_tokens (id bigint PRIMARY KEY, token text);
CREATE TABLE legacy_sessions (id bigint PRIMARY KEY, token text);
CREATE TABLE analytics_events (id bigint PRIMARY KEY, kind text);
CREATE TABLE subscription_line_items (id bigint PRIMARY KEY, subscription_id bigint, price numeric);
CREATE TABLE "User" (id text PRIMARY KEY, email text, name text);
CREATE TABLE "Order" (id text PRIMARY KEY, "userId" text, total numeric);
CREATE TYPE "SurveyStatus" AS ENUM ('DRAFT', 'LIVE');
CREATE TABLE "Survey" (id text PRIMARY KEY, status "SurveyStatus", name text);
CREATE TABLE "Accounts" (id bigint PRIMARY KEY, name text);
CREATE SCHEMA legacy;
CREATE SCHEMA reporting;
-- Views read their own table, so that fixtures can still drop or change users and orders.
CREATE TABLE people (id bigint PRIMARY KEY, email text, active boolean, user_id bigint, total numeric, created_at timestamptz);
CREATE VIEW active_users AS SELECT id, email FROM people WHERE active;
CREATE VIEW active_users_old AS SELECT id, email FROM people WHERE active;
CREATE VIEW order_totals AS SELECT user_id, sum(total) AS total FROM people GROUP BY user_id;
CREATE VIEW report AS SELECT id FROM people;
CREATE MATERIALIZED VIEW daily_totals AS SELECT date_trunc('day', created_at) AS day, sum(total) AS total FROM people GROUP BY 1;
CREATE MATERIALIZED VIEW weekly_totals AS SELECT date_trunc('week', created_at) AS week, sum(total) AS total FROM people GROUP BY 1;
CREATE MATERIALIZED VIEW monthly_totals AS SELECT date_trunc('month', created_at) AS month, sum(total) AS total FROM people GROUP BY 1;
CREATE MATERIALIZED VIEW yearly_totals AS SELECT date_trunc('year', created_at) AS year, sum(total) AS total FROM people GROUP BY 1;
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION normalize_email(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower($1) $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER accounts_sync AFTER UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION audit();
CREATE TABLE regions (id bigint PRIMARY KEY, name text);
CREATE TABLE coupons (id bigint PRIMARY KEY, code text);
CREATE TABLE zones (id bigint PRIMARY KEY, name text);
CREATE TABLE shops (id bigint PRIMARY KEY, name text);
CREATE TABLE agents (id bigint PRIMARY KEY, name text);

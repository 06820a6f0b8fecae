import { sql, eq } from "drizzle-orm";
import {
  boolean, check, index, integer, pgEnum, pgSequence, pgTable, pgView, primaryKey, serial, text, timestamp, uniqueIndex, varchar,
} from "drizzle-orm/pg-core";

export const role = pgEnum("role", ["user", "admin"]);

export const ticketSeq = pgSequence("ticket_seq", { startWith: 100, increment: 2 });

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull(),
  role: role("role").notNull().default("user"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
}, (t) => [uniqueIndex("users_email_idx").on(t.email)]);

export const posts = pgTable("posts", {
  id: serial("id").primaryKey(),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  published: boolean("published").notNull().default(false),
}, (t) => [
  index("posts_author_id_idx").on(t.authorId),
  index("posts_title_lower_idx").on(sql`lower(${t.title})`).where(sql`${t.published}`),
]);

export const tags = pgTable("tags", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: varchar("name", { length: 64 }).notNull().unique(),
  slug: text("slug").generatedAlwaysAs(sql`lower(name)`),
  labels: text("labels").array().default(sql`'{}'::text[]`),
}, (t) => [check("tags_name_not_empty", sql`length(${t.name}) > 0`)]);

export const postTags = pgTable("post_tags", {
  postId: integer("post_id").notNull().references(() => posts.id),
  tagId: integer("tag_id").notNull().references(() => tags.id),
}, (t) => [primaryKey({ columns: [t.postId, t.tagId] })]);

export const publishedPosts = pgView("published_posts").as((qb) => qb.select().from(posts).where(eq(posts.published, true)));

#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace miglint {

/// A map from string keys to values whose copies share everything until one of them writes:
/// copying is O(1), the first write after a copy clones the key table (not the values), and a
/// value is cloned only when it is itself written. The linter keeps the catalog as it stood
/// before each migration with a down, so copies are frequent and almost never diverge much.
template <class V>
class SharedMap {
  using Entries = std::map<std::string, std::shared_ptr<V>, std::less<>>;

 public:
  /// Iterates entries in key order as (key, value) pairs; read-only.
  class const_iterator {
   public:
    /// Wraps an iterator of the key table.
    explicit const_iterator(typename Entries::const_iterator it) : it_(it) {}
    /// The entry as a pair of references.
    std::pair<const std::string&, const V&> operator*() const { return {it_->first, *it_->second}; }
    /// Next entry.
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    /// Same position.
    bool operator==(const const_iterator&) const = default;

   private:
    typename Entries::const_iterator it_;
  };

  /// First entry in key order.
  const_iterator begin() const { return const_iterator(entries_->begin()); }
  /// Past the last entry.
  const_iterator end() const { return const_iterator(entries_->end()); }
  /// Number of entries.
  size_t size() const { return entries_->size(); }
  /// True when there are no entries.
  bool empty() const { return entries_->empty(); }

  /// The value under `key`, or null.
  const V* find(const std::string& key) const {
    const auto it = entries_->find(key);
    return it == entries_->end() ? nullptr : it->second.get();
  }
  /// True when `key` has a value.
  bool contains(const std::string& key) const { return entries_->contains(key); }

  /// The value under `key`, writable (cloned first if another copy shares it), or null.
  V* find_mutable(const std::string& key) {
    if (!contains(key)) return nullptr;
    return &writable(own().find(key)->second);
  }
  /// The value under `key`, writable, default-constructed first when absent; the flag tells
  /// whether it was created.
  std::pair<V*, bool> try_emplace(const std::string& key) {
    auto [it, inserted] = own().try_emplace(key);
    if (inserted) it->second = std::make_shared<V>();
    return {&writable(it->second), inserted};
  }
  /// The value under `key`, writable, default-constructed first when absent.
  V& operator[](const std::string& key) { return *try_emplace(key).first; }
  /// Puts `value` under `key`, replacing any value there.
  void assign(const std::string& key, V value) { own()[key] = std::make_shared<V>(std::move(value)); }
  /// Removes `key`; returns how many entries went (0 or 1).
  size_t erase(const std::string& key) { return contains(key) ? own().erase(key) : 0; }
  /// Removes every entry whose value satisfies `doomed(const V&)`.
  template <class Pred>
  void erase_if(Pred doomed) {
    if (!any_of(doomed)) return;
    std::erase_if(own(), [&](const auto& entry) { return doomed(*entry.second); });
  }
  /// Calls `change(V&)` on every value that satisfies `wants(const V&)`, cloning only those.
  template <class Pred, class Change>
  void update_if(Pred wants, Change change) {
    if (!any_of(wants)) return;
    for (auto& [key, value] : own()) {
      if (wants(std::as_const(*value))) change(writable(value));
    }
  }
  /// Moves the value under `from` to `to` (replacing what was there) and returns it, writable;
  /// null when `from` has no value.
  V* rename(const std::string& from, const std::string& to) {
    if (!contains(from)) return nullptr;
    auto node = own().extract(from);
    node.key() = to;
    auto placed = own().insert_or_assign(to, std::move(node.mapped()));
    return &writable(placed.first->second);
  }

 private:
  template <class Pred>
  bool any_of(Pred pred) const {
    for (const auto& [key, value] : *entries_) {
      if (pred(std::as_const(*value))) return true;
    }
    return false;
  }
  // The key table, cloned first when another copy shares it.
  Entries& own() {
    if (entries_.use_count() > 1) entries_ = std::make_shared<Entries>(*entries_);
    return *entries_;
  }
  // A value in this copy's own key table, cloned first when another key table shares it.
  static V& writable(std::shared_ptr<V>& value) {
    if (value.use_count() > 1) value = std::make_shared<V>(std::as_const(*value));
    return *value;
  }

  std::shared_ptr<Entries> entries_ = std::make_shared<Entries>();
};

}  // namespace miglint

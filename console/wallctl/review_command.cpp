// `wallctl review bookmarks|add|remove`: the reviewers' bookmarks in the review
// file beside a journal. The journal is only read (its first record names it);
// bookmarks are written to the review file alone.
#include "wallctl/commands.hpp"

#include "base/xdg_paths.hpp"
#include "review/review_file.hpp"
#include "wallctl/bookmark_table.hpp"
#include "wallctl/journal_state.hpp"

#include <filesystem>
#include <iostream>
#include <map>

namespace wall::wallctl {
namespace {

struct ReviewOptions {
    std::string journal;
    std::string review_file;  // empty: review::defaultReviewPath(journal)
    BookmarkFormat format = BookmarkFormat::Text;
    bool no_bom = false;      // bookmarks --format csv: leave the byte order mark out
    std::string at;           // add
    std::string name;         // add
    std::string note;         // add
    std::string author;       // add; empty: the login name
    int64_t id = 0;           // remove

    std::string reviewPath() const { return review_file.empty() ? review::defaultReviewPath(journal) : review_file; }
};

/// The journal, read-only, and its identity; prints why not and returns null when it cannot be read.
struct OpenedJournal {
    std::unique_ptr<journal::Journal> journal;
    review::JournalIdentity identity;
    std::optional<JournalSpan> span;
};

std::optional<OpenedJournal> openJournal(const char* command, const std::string& path) {
    std::string error;
    OpenedJournal o;
    o.journal = openJournalReadOnly(path, error);
    if (!o.journal) {
        std::cerr << command << ": " << error << "\n";
        return std::nullopt;
    }
    try {
        o.identity = review::journalIdentity(path, o.journal->firstRecord());
        o.span = journalSpan(*o.journal);
    } catch (const std::exception& e) {
        std::cerr << command << ": " << e.what() << "\n";
        return std::nullopt;
    }
    return o;
}

int runBookmarks(const ReviewOptions& o) {
    constexpr const char* kCommand = "wallctl review bookmarks";
    auto j = openJournal(kCommand, o.journal);
    if (!j) return 2;
    const std::string path = o.reviewPath();
    std::vector<source::Bookmark> bookmarks;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        // Nobody has bookmarked this journal yet: an empty list, and nothing created.
        std::cerr << kCommand << ": no review file at " << path << " (no bookmarks yet)\n";
    } else {
        try {
            review::ReviewFile file(path, j->identity, review::ReviewOpen::ExistingReadOnly);
            bookmarks = file.list();
        } catch (const std::exception& e) {
            std::cerr << kCommand << ": " << e.what() << "\n";
            return 1;
        }
    }
    switch (o.format) {
    case BookmarkFormat::Text: writeBookmarksText(std::cout, bookmarks); break;
    case BookmarkFormat::Csv: writeBookmarksCsv(std::cout, bookmarks, !o.no_bom); break;
    case BookmarkFormat::Json: writeBookmarksJson(std::cout, bookmarks, o.journal, path); break;
    }
    return std::cout.good() ? 0 : 1;
}

int runAdd(const ReviewOptions& o) {
    constexpr const char* kCommand = "wallctl review add";
    auto j = openJournal(kCommand, o.journal);
    if (!j) return 2;
    const TimeArg at = timeInJournal("--at", o.at, j->span, o.journal);
    if (!at.ms) {
        std::cerr << kCommand << ": " << at.error << "\n";
        return 2;
    }
    source::Bookmark b;
    b.at_ms = *at.ms;
    b.name = o.name;
    b.note = o.note;
    b.author = o.author.empty() ? review::loginName() : o.author;
    const std::string path = o.reviewPath();
    try {
        review::ReviewFile file(path, j->identity);
        b.id = file.add(b);
    } catch (const std::exception& e) {
        std::cerr << kCommand << ": " << e.what() << "\n";
        return 1;
    }
    std::cout << "bookmark #" << b.id << " at " << beijingSeconds(b.at_ms) << " (" << b.at_ms << ") added to " << path
              << "\n";
    return 0;
}

int runRemove(const ReviewOptions& o) {
    constexpr const char* kCommand = "wallctl review remove";
    auto j = openJournal(kCommand, o.journal);
    if (!j) return 2;
    const std::string path = o.reviewPath();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        std::cerr << kCommand << ": no review file at " << path << "\n";
        return 1;
    }
    try {
        review::ReviewFile file(path, j->identity);
        if (!file.remove(o.id)) {
            std::cerr << kCommand << ": no bookmark #" << o.id << " in " << path << "\n";
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << kCommand << ": " << e.what() << "\n";
        return 1;
    }
    std::cout << "bookmark #" << o.id << " removed from " << path << "\n";
    return 0;
}

void addFileOptions(CLI::App* sub, ReviewOptions& o) {
    sub->add_option("journal,-j,--journal", o.journal, "Journal file (read only)")->capture_default_str();
    sub->add_option("--review-file", o.review_file,
                    "Review file holding the bookmarks (default: JOURNAL.review.db beside the journal)");
}

} // namespace

Run addReviewCommand(CLI::App& app) {
    auto o = std::make_shared<ReviewOptions>();
    o->journal = defaultJournalPath();  // the one wallconsole writes by default
    CLI::App* review = app.add_subcommand(
        "review", "Reviewers' bookmarks (复盘书签) in the review file beside a journal; the journal is never written.");
    review->require_subcommand(1);

    CLI::App* bookmarks = review->add_subcommand(
        "bookmarks",
        "List the bookmarks by time: Beijing time (YYYY-MM-DD HH:MM:SS), epoch ms, name, note, author.\n"
        "CSV is for Excel (UTF-8 with a byte order mark, formulas neutralised); JSON is for scripts.");
    addFileOptions(bookmarks, *o);
    const std::map<std::string, BookmarkFormat> formats{
        {"text", BookmarkFormat::Text}, {"csv", BookmarkFormat::Csv}, {"json", BookmarkFormat::Json}};
    bookmarks->add_option("--format", o->format, "text | csv | json")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
        ->default_str("text");
    bookmarks->add_flag("--no-bom", o->no_bom, "CSV without the UTF-8 byte order mark (for tools, not Excel)");

    CLI::App* add = review->add_subcommand(
        "add", std::string("Add a bookmark at a time inside the journal's events. Times: ") + kTimeArgForms + ".");
    addFileOptions(add, *o);
    add->add_option("--at", o->at, "The replay time it marks")->required();
    add->add_option("--name", o->name, "Its name (one line of UTF-8)")->required();
    add->add_option("--note", o->note, "A note (UTF-8; line breaks kept)");
    add->add_option("--author", o->author, "Who adds it (default: the login name)");

    CLI::App* remove = review->add_subcommand("remove", "Remove a bookmark by its id (as `bookmarks` lists it).");
    addFileOptions(remove, *o);
    remove->add_option("--id", o->id, "The bookmark's id")->required();

    return [o, bookmarks, add, remove] {
        if (bookmarks->parsed()) return runBookmarks(*o);
        if (add->parsed()) return runAdd(*o);
        if (remove->parsed()) return runRemove(*o);
        return 2;
    };
}

} // namespace wall::wallctl

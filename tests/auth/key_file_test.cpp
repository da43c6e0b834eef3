// Key files as `wallctl keygen` writes them and the allow-list reads them.
#include "auth/allow_list.hpp"
#include "auth/key_file.hpp"
#include "test_support.hpp"

#include <fstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace wall::test {
namespace {

TEST(KeyFiles, KeygenPairReadsBackAndTheSecretIsPrivate) {
    TempDir dir;
    const auth::KeyPair pair = auth::generateKeyPair("weather-bureau");
    const auto [secret, pub] = auth::writeKeyFiles(pair, dir.path);
    struct stat st{};
    ASSERT_EQ(::stat(secret.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const auth::KeyPair back = auth::readKeyPair(secret);
    EXPECT_EQ(back.name, "weather-bureau");
    EXPECT_EQ(back.public_key, pair.public_key);
    EXPECT_EQ(back.secret_key, pair.secret_key);
    const auth::PublicKey listed = auth::readPublicKey(pub);
    EXPECT_EQ(listed.public_key, pair.public_key);
    EXPECT_FALSE(listed.allow.has_value());
    // A key is never overwritten.
    EXPECT_THROW(auth::writeKeyFiles(auth::generateKeyPair("weather-bureau"), dir.path), auth::KeyFileError);
    EXPECT_EQ(auth::readKeyPair(secret).secret_key, pair.secret_key);
}

TEST(KeyFiles, MismatchedPairAndBadKeysAreRefusedNamingTheFile) {
    TempDir dir;
    const auth::KeyPair a = auth::generateKeyPair("a"), b = auth::generateKeyPair("b");
    std::ofstream(dir.file("mixed.key")) << "public = \"" << a.public_key << "\"\nsecret = \"" << b.secret_key << "\"\n";
    std::ofstream(dir.file("short.pub")) << "public = \"abc\"\n";
    try {
        auth::readKeyPair(dir.file("mixed.key"));
        FAIL() << "a public key of another pair was accepted";
    } catch (const auth::KeyFileError& e) {
        EXPECT_NE(std::string(e.what()).find("mixed.key"), std::string::npos) << e.what();
    }
    EXPECT_THROW(auth::readPublicKey(dir.file("short.pub")), auth::KeyFileError);
}

TEST(AllowList, ListsGoodFilesSkipsBadOnesAndKnowsPermissions) {
    TempDir dir;
    const auth::KeyPair weather = auth::generateKeyPair("weather-bureau");
    auth::writeKeyFiles(weather, dir.path);
    std::ofstream(dir.file("weather-bureau.pub"), std::ios::app) << "allow = [\"alarm.raise\", \"alarm.clear\"]\n";
    std::ofstream(dir.file("broken.pub")) << "public = [1, 2]\n";
    std::vector<std::string> problems;
    const auto list = auth::AllowList::load(dir.path, problems);
    EXPECT_EQ(list.size(), 1u);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("broken.pub"), std::string::npos);
    const auth::PublicKey* key = list.byKey(weather.public_key);
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(list.byName("weather-bureau"), key);
    EXPECT_TRUE(auth::permits(*key, "alarm.raise"));
    EXPECT_TRUE(auth::permits(*key, "heartbeat"));
    EXPECT_FALSE(auth::permits(*key, "layout.switch"));
}

} // namespace
} // namespace wall::test

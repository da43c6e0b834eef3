// The audit chain's link function (journal/audit.hpp), shared by the writer
// (journal.cpp) and the verifier (audit.cpp). Internal to wall_journal.
#pragma once

#include "journal/journal.hpp"

#include <array>
#include <string>
#include <string_view>

namespace wall::journal {

using ChainHash = std::array<unsigned char, 32>;  // BLAKE2b-256 (libsodium crypto_generichash)

/// @brief hash = H(prev ‖ id ‖ recv_ms ‖ source ‖ seq ‖ ts ‖ type ‖ body ‖ user_id); the first link's prev is all zeros.
ChainHash chainHash(const ChainHash& prev, const Record& record);
/// @brief The 32 stored bytes as a ChainHash; all zeros when the size is wrong.
ChainHash chainHashFromBytes(std::string_view bytes);
std::string_view chainHashBytes(const ChainHash& hash);
std::string chainHashHex(const ChainHash& hash);

} // namespace wall::journal

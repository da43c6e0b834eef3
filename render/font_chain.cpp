#include "render/font_chain.hpp"

#include <spdlog/spdlog.h>
#include <stb_truetype.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace wall::render {

/// A read-only mapping of a whole file; unmapped on destruction.
struct FontChain::MappedFile {
    void* address = MAP_FAILED;
    std::size_t length = 0;
    ~MappedFile() {
        if (address != MAP_FAILED) munmap(address, length);
    }
};

namespace {

// Reference ideographs for the vertical calibration, tried in order: 国 (BMP), 𠀋 (Ext B, for HanaMinB).
constexpr char32_t kReferenceGlyphs[] = {0x56FD, 0x2000B};

bool privateUse(char32_t cp) { return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000; }

// Line height (hhea ascent - descent) in ems: what stbtt_ScaleForPixelHeight divides by.
float lineHeightEm(const stbtt_fontinfo& info) {
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
    return static_cast<float>(ascent - descent) * stbtt_ScaleForMappingEmToPixels(&info, 1.0f);
}

// Vertical centre of a glyph's box, in ems above the baseline; false when the face lacks it.
bool glyphCentreEm(const stbtt_fontinfo& info, char32_t cp, float& centre) {
    const int glyph = stbtt_FindGlyphIndex(&info, static_cast<int>(cp));
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    if (glyph == 0 || !stbtt_GetGlyphBox(&info, glyph, &x0, &y0, &x1, &y1)) return false;
    centre = 0.5f * static_cast<float>(y0 + y1) * stbtt_ScaleForMappingEmToPixels(&info, 1.0f);
    return true;
}

}  // namespace

std::vector<std::filesystem::path> defaultFallbackFonts() {
    return {"/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
            "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"};
}

FontChain::FontChain(FontFace primary, const std::vector<std::filesystem::path>& fallback_paths) {
    auto primary_info = std::make_unique<stbtt_fontinfo>();
    if (!stbtt_InitFont(primary_info.get(), primary.data, primary.face_offset))
        throw std::runtime_error("FontChain: the primary font " + primary.name + " cannot be read");
    const float primary_height = lineHeightEm(*primary_info);
    faces_.push_back(std::move(primary));
    infos_.push_back(std::move(primary_info));

    for (const std::filesystem::path& path : fallback_paths) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            spdlog::warn("FontChain: fallback font {} not found (scripts/setup installs it); its characters will be missing",
                         path.string());
            continue;
        }
        struct stat st {};
        auto file = std::make_unique<MappedFile>();
        if (::fstat(fd, &st) == 0 && st.st_size > 12) {
            file->length = static_cast<std::size_t>(st.st_size);
            file->address = ::mmap(nullptr, file->length, PROT_READ, MAP_PRIVATE, fd, 0);
        }
        ::close(fd);
        const auto* bytes = static_cast<const unsigned char*>(file->address);
        auto info = std::make_unique<stbtt_fontinfo>();
        if (file->address == MAP_FAILED || !stbtt_InitFont(info.get(), bytes, stbtt_GetFontOffsetForIndex(bytes, 0))) {
            spdlog::warn("FontChain: fallback font {} cannot be read; skipped", path.string());
            continue;
        }
        FontFace face;
        face.data = bytes;
        face.size = static_cast<int>(file->length);
        face.face_offset = stbtt_GetFontOffsetForIndex(bytes, 0);
        face.name = path.stem().string();
        face.size_scale = lineHeightEm(*info) / primary_height;
        for (char32_t ref : kReferenceGlyphs) {
            float primary_centre = 0, centre = 0;
            if (glyphCentreEm(*infos_[0], ref, primary_centre) && glyphCentreEm(*info, ref, centre)) {
                face.offset_y_em = centre - primary_centre;
                break;
            }
        }
        spdlog::info("FontChain: fallback {} (size x{:.3f}, shift {:+.3f} em)", face.name, face.size_scale, face.offset_y_em);
        faces_.push_back(std::move(face));
        infos_.push_back(std::move(info));
        files_.push_back(std::move(file));
    }
}

FontChain::~FontChain() = default;

int FontChain::sourceOf(char32_t codepoint) const {
    if (privateUse(codepoint) || codepoint == 0xFFFD || codepoint > 0x10FFFF) return -1;
    for (std::size_t k = 0; k < infos_.size(); ++k) {
        if (stbtt_FindGlyphIndex(infos_[k].get(), static_cast<int>(codepoint)) != 0) return static_cast<int>(k);
    }
    return -1;
}

}  // namespace wall::render

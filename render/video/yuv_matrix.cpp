#include "render/video/yuv_matrix.hpp"

namespace wall::video {

YuvToRgb yuvToRgb(ColorMatrix matrix, ColorRange range) {
    // Luma weights of the two standards (ITU-R BT.601 and BT.709).
    const double kr = matrix == ColorMatrix::Bt709 ? 0.2126 : 0.299;
    const double kb = matrix == ColorMatrix::Bt709 ? 0.0722 : 0.114;
    const double kg = 1.0 - kr - kb;

    // Samples are value/255. Limited range: Y in [16,235], Cb/Cr in [16,240].
    const bool full = range == ColorRange::Full;
    const double y_scale = full ? 1.0 : 255.0 / 219.0;
    const double c_scale = full ? 1.0 : 255.0 / 224.0;
    const double y_zero = full ? 0.0 : 16.0 / 255.0;
    const double c_zero = 128.0 / 255.0;

    // E'R = Y + 2(1-kr) Cr ; E'B = Y + 2(1-kb) Cb ; E'G = (Y - kr R - kb B)/kg
    const double r_cr = 2.0 * (1.0 - kr);
    const double b_cb = 2.0 * (1.0 - kb);
    const double g_cb = -b_cb * kb / kg;
    const double g_cr = -r_cr * kr / kg;

    // Rows of M applied to (Y', Cb', Cr') after scaling.
    const double m[3][3] = {
        {y_scale, 0.0, r_cr * c_scale},
        {y_scale, g_cb * c_scale, g_cr * c_scale},
        {y_scale, b_cb * c_scale, 0.0},
    };
    YuvToRgb out;
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) out.matrix[static_cast<std::size_t>(col * 3 + row)] = static_cast<float>(m[row][col]);
        out.offset[static_cast<std::size_t>(row)] =
            static_cast<float>(-(m[row][0] * y_zero + m[row][1] * c_zero + m[row][2] * c_zero));
    }
    return out;
}

std::array<float, 3> convert(const YuvToRgb& c, int y, int u, int v) {
    const float s[3] = {static_cast<float>(y) / 255.0f, static_cast<float>(u) / 255.0f, static_cast<float>(v) / 255.0f};
    std::array<float, 3> rgb{};
    for (std::size_t row = 0; row < 3; ++row) {
        float sum = c.offset[row];
        for (std::size_t col = 0; col < 3; ++col) sum += c.matrix[col * 3 + row] * s[col];
        rgb[row] = sum;
    }
    return rgb;
}

}  // namespace wall::video

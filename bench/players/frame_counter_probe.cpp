// frame_counter_probe: reads the frame number drawn by counter_rtsp_server.py
// out of several player windows at once, from one X screen grab at a time.
//
//   frame_counter_probe --window console=wallconsole --window ffplay=ffplay-ref --seconds 60 --out samples.csv
//
// Every grab is one XGetImage of the rows through the middle of all windows,
// so the numbers read from the different windows describe the same instant:
// their difference is the players' latency difference, free of capture timing
// error. Each CSV row: grab index, CLOCK_REALTIME (ns) just before and just
// after the grab, then each window's frame number (-1 = unreadable: no picture
// yet, a band between two grey levels, or a failed check digit).
// The picture format (12 bands: guard, 9 base-4 digits, check, guard) is
// described in counter_rtsp_server.py; keep the two in step.
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kBands = 12;           // guard + 9 digits + check + guard
constexpr int kDigits = 9;
constexpr double kGuardMin = 200.0;  // a guard pixel is brighter than this
constexpr double kLevelTolerance = 35.0;  // a band further than this from every grey level is unreadable
constexpr int kRowsAveraged = 3;     // rows through the window's middle, averaged against codec noise

struct Options {
    std::vector<std::pair<std::string, std::string>> windows;  // (label, title substring)
    double seconds = 30.0;
    double interval_ms = 9.0;   // mean pause between grabs; jittered so it never locks to the frame rate
    double find_timeout_s = 20.0;
    double row_fraction = 0.5;  // which row of each window to read (0 = top)
    std::string out = "-";
    std::string snapshot;       // PPM of the first grab's whole window area, to look at by eye
};

struct WindowRect {
    std::string label;
    int x = 0, y = 0, width = 0, height = 0;  // on the root window
};

/// The window's title: _NET_WM_NAME (UTF-8, what GLFW and SDL set) or else WM_NAME.
std::string titleOf(Display* display, Window w) {
    std::string title;
    Atom net_wm_name = XInternAtom(display, "_NET_WM_NAME", False);
    Atom utf8 = XInternAtom(display, "UTF8_STRING", False);
    Atom type = None;
    int format = 0;
    unsigned long count = 0, after = 0;
    unsigned char* data = nullptr;
    if (XGetWindowProperty(display, w, net_wm_name, 0, 1024, False, utf8, &type, &format, &count, &after, &data) ==
            Success &&
        data) {
        title.assign(reinterpret_cast<char*>(data), count);
        XFree(data);
    }
    if (title.empty()) {
        char* name = nullptr;
        if (XFetchName(display, w, &name) && name) {
            title = name;
            XFree(name);
        }
    }
    return title;
}

/// Depth-first search for a mapped window whose title contains `needle`.
bool findWindow(Display* display, Window parent, const std::string& needle, WindowRect& out) {
    Window root = 0, parent_of = 0;
    Window* children = nullptr;
    unsigned int count = 0;
    if (!XQueryTree(display, parent, &root, &parent_of, &children, &count)) return false;
    std::unique_ptr<Window, int (*)(void*)> owned(children, XFree);
    for (unsigned int i = 0; i < count; ++i) {
        XWindowAttributes a;
        if (!XGetWindowAttributes(display, children[i], &a) || a.map_state != IsViewable) continue;
        if (titleOf(display, children[i]).find(needle) != std::string::npos) {
            Window child = 0;
            XTranslateCoordinates(display, children[i], root, 0, 0, &out.x, &out.y, &child);
            out.width = a.width;
            out.height = a.height;
            return true;
        }
        if (findWindow(display, children[i], needle, out)) return true;
    }
    return false;
}

/// Reads one window's frame number from the grabbed rows; -1 when unreadable.
long decodeCounter(XImage* image, int image_x0, int image_y0, const WindowRect& w, int row_y) {
    std::vector<double> luma(w.width, 0.0);
    for (int r = 0; r < kRowsAveraged; ++r)
        for (int x = 0; x < w.width; ++x) {
            const unsigned long p = XGetPixel(image, w.x + x - image_x0, row_y + r - image_y0);
            const double red = (p & image->red_mask) >> __builtin_ctzl(image->red_mask);
            const double green = (p & image->green_mask) >> __builtin_ctzl(image->green_mask);
            const double blue = (p & image->blue_mask) >> __builtin_ctzl(image->blue_mask);
            luma[x] += (red + green + blue) / (3.0 * kRowsAveraged);
        }
    // The guards are the picture's outermost bands: its brightest extent is the picture.
    int left = 0, right = w.width - 1;
    while (left < w.width && luma[left] < kGuardMin) ++left;
    while (right > left && luma[right] < kGuardMin) --right;
    const double band = (right - left + 1) / static_cast<double>(kBands);
    if (band < 4.0) return -1;
    auto bandLevel = [&](int i) {  // mean over the middle half of band i: edges blur under scaling
        const int from = left + static_cast<int>(std::lround((i + 0.25) * band));
        const int to = left + static_cast<int>(std::lround((i + 0.75) * band));
        double sum = 0;
        for (int x = from; x < to; ++x) sum += luma[x];
        return sum / std::max(1, to - from);
    };
    if (bandLevel(0) < kGuardMin || bandLevel(kBands - 1) < kGuardMin) return -1;
    long counter = 0;
    int digit_sum = 0, check = -1;
    for (int i = 1; i <= kDigits + 1; ++i) {
        const double level = bandLevel(i);
        const int digit = static_cast<int>(std::lround(level / 85.0));
        if (digit < 0 || digit > 3 || std::fabs(level - digit * 85.0) > kLevelTolerance) return -1;
        if (i <= kDigits) {
            counter = counter * 4 + digit;
            digit_sum += digit;
        } else {
            check = digit;
        }
    }
    return digit_sum % 4 == check ? counter : -1;
}

void writeSnapshot(const std::string& path, XImage* image, int width, int height) {
    std::ofstream f(path, std::ios::binary);
    f << "P6\n" << width << " " << height << "\n255\n";
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const unsigned long p = XGetPixel(image, x, y);
            const char rgb[3] = {static_cast<char>((p & image->red_mask) >> __builtin_ctzl(image->red_mask)),
                                 static_cast<char>((p & image->green_mask) >> __builtin_ctzl(image->green_mask)),
                                 static_cast<char>((p & image->blue_mask) >> __builtin_ctzl(image->blue_mask))};
            f.write(rgb, 3);
        }
}

int64_t realtimeNs() {
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

Options parseArgs(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--window") {
            const std::string v = value();
            const auto eq = v.find('=');
            if (eq == std::string::npos) throw std::runtime_error("--window expects LABEL=TITLE_SUBSTRING");
            o.windows.emplace_back(v.substr(0, eq), v.substr(eq + 1));
        } else if (a == "--seconds") {
            o.seconds = std::stod(value());
        } else if (a == "--interval-ms") {
            o.interval_ms = std::stod(value());
        } else if (a == "--find-timeout") {
            o.find_timeout_s = std::stod(value());
        } else if (a == "--row") {
            o.row_fraction = std::stod(value());
        } else if (a == "--out") {
            o.out = value();
        } else if (a == "--snapshot") {
            o.snapshot = value();
        } else {
            throw std::runtime_error("unknown option " + a +
                                     " (--window LABEL=TITLE ... --seconds S --interval-ms MS --row F --out CSV "
                                     "--snapshot PPM --find-timeout S)");
        }
    }
    if (o.windows.empty()) throw std::runtime_error("give at least one --window LABEL=TITLE_SUBSTRING");
    return o;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    try {
        o = parseArgs(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "frame_counter_probe: %s\n", e.what());
        return 2;
    }
    std::unique_ptr<Display, int (*)(Display*)> display(XOpenDisplay(nullptr), XCloseDisplay);
    if (!display) {
        std::fprintf(stderr, "frame_counter_probe: cannot open display %s\n", std::getenv("DISPLAY") ?: "(unset)");
        return 3;
    }
    const Window root = DefaultRootWindow(display.get());

    // Wait until every player has mapped its window.
    std::vector<WindowRect> windows;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.find_timeout_s);
    for (const auto& [label, needle] : o.windows) {
        WindowRect rect;
        rect.label = label;
        while (!findWindow(display.get(), root, needle, rect)) {
            if (std::chrono::steady_clock::now() > give_up) {
                std::fprintf(stderr, "frame_counter_probe: no window titled *%s* after %.0f s\n", needle.c_str(),
                             o.find_timeout_s);
                return 4;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::fprintf(stderr, "frame_counter_probe: %s at %d,%d %dx%d\n", label.c_str(), rect.x, rect.y, rect.width,
                     rect.height);
        windows.push_back(rect);
    }

    // One grab covers the sampled rows of all windows (plus, once, their whole area for --snapshot).
    int x0 = windows[0].x, x1 = windows[0].x + windows[0].width, y0 = 1 << 30, y1 = 0;
    std::vector<int> rows;
    for (const WindowRect& w : windows) {
        const int row = w.y + std::clamp(static_cast<int>(w.height * o.row_fraction), 0, w.height - kRowsAveraged);
        rows.push_back(row);
        x0 = std::min(x0, w.x);
        x1 = std::max(x1, w.x + w.width);
        y0 = std::min(y0, row);
        y1 = std::max(y1, row + kRowsAveraged);
    }
    if (!o.snapshot.empty()) {
        int top = windows[0].y, bottom = windows[0].y + windows[0].height;
        for (const WindowRect& w : windows) top = std::min(top, w.y), bottom = std::max(bottom, w.y + w.height);
        if (XImage* full = XGetImage(display.get(), root, x0, top, x1 - x0, bottom - top, AllPlanes, ZPixmap)) {
            writeSnapshot(o.snapshot, full, x1 - x0, bottom - top);
            XDestroyImage(full);
        }
    }

    std::FILE* out = o.out == "-" ? stdout : std::fopen(o.out.c_str(), "w");
    if (!out) {
        std::fprintf(stderr, "frame_counter_probe: cannot write %s\n", o.out.c_str());
        return 2;
    }
    std::fprintf(out, "grab,before_ns,after_ns");
    for (const WindowRect& w : windows) std::fprintf(out, ",%s", w.label.c_str());
    std::fprintf(out, "\n");

    std::mt19937 random(12345);
    std::uniform_real_distribution<double> pause_ms(0.5 * o.interval_ms, 1.5 * o.interval_ms);
    const auto stop_at = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.seconds);
    long grabs = 0, readable_all = 0;
    while (std::chrono::steady_clock::now() < stop_at) {
        const int64_t before = realtimeNs();
        XImage* image = XGetImage(display.get(), root, x0, y0, x1 - x0, y1 - y0, AllPlanes, ZPixmap);
        const int64_t after = realtimeNs();
        if (!image) {
            std::fprintf(stderr, "frame_counter_probe: XGetImage failed\n");
            return 5;
        }
        std::fprintf(out, "%ld,%lld,%lld", grabs, static_cast<long long>(before), static_cast<long long>(after));
        bool all = true;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            const long counter = decodeCounter(image, x0, y0, windows[i], rows[i]);
            all = all && counter >= 0;
            std::fprintf(out, ",%ld", counter);
        }
        std::fprintf(out, "\n");
        XDestroyImage(image);
        ++grabs;
        readable_all += all;
        std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(pause_ms(random)));
    }
    if (out != stdout) std::fclose(out);
    std::fprintf(stderr, "frame_counter_probe: %ld grabs, all windows readable in %ld (%.1f %%)\n", grabs, readable_all,
                 grabs ? 100.0 * readable_all / grabs : 0.0);
    return 0;
}

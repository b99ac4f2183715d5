#!/usr/bin/python3
"""RTSP test feeds for the demo fleet and the video tests (DESIGN.md §8).

GStreamer's RTSP server through GObject introspection, bound to loopback only. Each mount is a live
videotestsrc with a burnt-in per-frame clock (HH:MM:SS.mmm, Asia/Ho_Chi_Minh, top-left, large, white on
black) and a label (bottom-left), encoded ONCE per mount whatever the number of clients (shared media).

Usage:
  /usr/bin/python3 rtsp_server.py [--port N] [--config FILE | reads one JSON line from stdin] [--watch-stdin]
  /usr/bin/python3 rtsp_server.py --probe         prints {"gstreamer": true, "h264": ..., "h265": ...}

Config (credentials travel here, never in argv):
  {"port": 0, "host": "127.0.0.1", "mounts": [{"path": "cam01/main", "codec": "h264", "width": 1280,
   "height": 720, "fps": 25, "bitrateKbps": 2000, "label": "...", "pattern": "ball",
   "auth": {"username": "u", "password": "p"}, "bframes": 0}], "authMethod": "digest",
   "sharedEncoders": false, "nice": 0}
  bframes (h264 only, 0..3, default 0): B-frames between references, main profile; 0 keeps constrained baseline.
  authMethod (digest | basic) is server-wide: GstRTSPAuth advertises one set of methods for all mounts, and
  keys Digest users by name, so one username cannot have two passwords.
  sharedEncoders (default false): mounts with the same encoding (codec, size, fps, bitrate, bframes) and the same
  auth share ONE pipeline (videotestsrc + clock + encoder, pattern and label of the group's first mount); each
  mount keeps its own URL and every client its own RTSP session. Cheap stand-in for cameras that encode in their
  own hardware. RTSP_MEDIA then names the group's first mount once per encoder started.
  nice (0..19, default 0): the server lowers its own CPU priority by this much before any streaming thread starts.

Stdout lines (machine-readable): RTSP_READY <port> | RTSP_MEDIA <path> (one per encoder started) |
RTSP_ERROR <message> (then exit 2).
"""

import argparse
import json
import os
import re
import signal
import sys
import time

ENCODERS = {"h264": "x264enc", "h265": "x265enc"}
PAYLOADERS = {"h264": "rtph264pay", "h265": "rtph265pay"}
PATTERNS = {
    "smpte", "ball", "smpte75", "smpte100", "bar", "pinwheel", "spokes", "gradient", "colors",
    "circular", "checkers-8", "gamut", "black", "white", "red", "green", "blue",
}
# Debian package that ships each element, for a clear error when one is missing.
PACKAGE_OF = {
    "x264enc": "gstreamer1.0-plugins-ugly",
    "x265enc": "gstreamer1.0-plugins-bad",
    "rtph264pay": "gstreamer1.0-plugins-good",
    "rtph265pay": "gstreamer1.0-plugins-good",
    "textoverlay": "gstreamer1.0-x",
    "videotestsrc": "gstreamer1.0-plugins-base",
    "videoconvert": "gstreamer1.0-plugins-base",
}
VN_UTC_OFFSET_S = 7 * 3600  # Asia/Ho_Chi_Minh has no daylight saving time.


def emit(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(message, code=2):
    emit("RTSP_ERROR " + message)
    sys.stdout.flush()
    sys.exit(code)


def load_gst():
    try:
        import gi

        gi.require_version("Gst", "1.0")
        gi.require_version("GstRtsp", "1.0")
        gi.require_version("GstRtspServer", "1.0")
        from gi.repository import GLib, Gst, GstRtsp, GstRtspServer
    except (ImportError, ValueError) as error:
        return None, str(error)
    Gst.init(None)
    return (GLib, Gst, GstRtsp, GstRtspServer), None


def missing_elements(Gst, names):
    return [name for name in names if Gst.ElementFactory.find(name) is None]


def probe():
    modules, error = load_gst()
    if modules is None:
        emit(json.dumps({"gstreamer": False, "error": error}))
        return
    Gst = modules[1]
    base = ["videotestsrc", "videoconvert", "textoverlay"]
    result = {"gstreamer": True, "version": Gst.version_string()}
    for codec, encoder in ENCODERS.items():
        result[codec] = not missing_elements(Gst, base + [encoder, PAYLOADERS[codec]])
    everything = base + list(ENCODERS.values()) + list(PAYLOADERS.values())
    result["missing"] = sorted(set(missing_elements(Gst, everything)))
    emit(json.dumps(result))


def clock_text():
    now = time.time()
    local = time.gmtime(now + VN_UTC_OFFSET_S)
    return "%02d:%02d:%02d.%03d" % (local.tm_hour, local.tm_min, local.tm_sec, int(now * 1000) % 1000)


def check_mount(mount):
    path = mount.get("path")
    if not isinstance(path, str) or not re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*", path):
        fail("mount path must be letters, digits, _ and - separated by /: %r" % (path,))
    if mount.get("codec", "h264") not in ENCODERS:
        fail("mount %s: codec must be h264 or h265" % path)
    limits = (("width", 16, 3840), ("height", 16, 2160), ("fps", 1, 60), ("bitrateKbps", 50, 20000))
    for key, low, high in limits:
        value = mount.get(key)
        if value is not None and (not isinstance(value, int) or not low <= value <= high):
            fail("mount %s: %s must be an integer %d..%d" % (path, key, low, high))
    bframes = mount.get("bframes", 0)
    if not isinstance(bframes, int) or isinstance(bframes, bool) or not 0 <= bframes <= 3:
        fail("mount %s: bframes must be an integer 0..3" % path)
    if bframes and mount.get("codec", "h264") != "h264":
        fail("mount %s: bframes is for h264 mounts only" % path)
    if mount.get("pattern", "smpte") not in PATTERNS:
        fail("mount %s: unknown pattern %r" % (path, mount.get("pattern")))
    auth = mount.get("auth")
    if auth is not None:
        fields = auth if isinstance(auth, dict) else {}
        if not isinstance(fields.get("username"), str) or not isinstance(fields.get("password"), str):
            fail("mount %s: auth needs username and password strings" % path)


def encoding_key(mount):
    """Mounts with equal keys can share one pipeline (sharedEncoders): same picture format, bits and auth."""
    auth = mount.get("auth") or {}
    return (mount.get("codec", "h264"), mount.get("width", 1280), mount.get("height", 720), mount.get("fps", 25),
            mount.get("bitrateKbps", 2000), mount.get("bframes", 0), auth.get("username"), auth.get("password"))


def encoder_groups(config):
    """Lists of mounts that share one pipeline, in config order: one list per mount unless sharedEncoders."""
    if not config.get("sharedEncoders", False):
        return [[mount] for mount in config["mounts"]]
    groups = {}
    for mount in config["mounts"]:
        groups.setdefault(encoding_key(mount), []).append(mount)
    return list(groups.values())


def launch_line(mount):
    codec = mount.get("codec", "h264")
    width, height = mount.get("width", 1280), mount.get("height", 720)
    fps, kbps = mount.get("fps", 25), mount.get("bitrateKbps", 2000)
    # White on a black box in fixed corners. Font sizes are for 640 px wide frames: textoverlay's auto-resize
    # scales them with the frame, so the clock covers the same share of every stream (OCR reads it anywhere).
    box = "shaded-background=true shading-value=255 xpad=12 ypad=10 halignment=left"
    clock = "textoverlay name=clock valignment=top %s font-desc=\"DejaVu Sans Mono Bold 22\" text=--:--:--.---" % box
    label = "textoverlay name=label valignment=bottom %s font-desc=\"DejaVu Sans Bold 10\" text=\" \"" % box
    bframes = mount.get("bframes", 0)
    if codec == "h264" and bframes > 0:
        # A camera set to "main/high profile with B-frames": presentation order differs from decode order, so RTP
        # timestamps (presentation times) go back between frames. Same tuning as below (x264enc's bframes property
        # wins over zerolatency's preset), fixed GOP shape (no b-adapt).
        encoder = "x264enc tune=zerolatency speed-preset=ultrafast sliced-threads=false threads=1 key-int-max=%d " \
                  "bitrate=%d bframes=%d b-adapt=false " \
                  "! video/x-h264,profile=main" % (2 * fps, kbps, bframes)
    elif codec == "h264":
        # One slice per frame: with zerolatency's sliced threads, rtph264pay's config-interval=-1 puts SPS/PPS
        # between the slices of an IDR and ffmpeg splits that frame in two (smeared picture until the next IDR).
        # One thread: x264's frame threads held each picture two frames (80 ms at 25 fps) before it left, a delay a
        # camera's hardware encoder does not have (measured by tests/bench/wall-latency-floor.bench.ts).
        encoder = "x264enc tune=zerolatency speed-preset=ultrafast sliced-threads=false threads=1 key-int-max=%d " \
                  "bitrate=%d " \
                  "! video/x-h264,profile=constrained-baseline" % (2 * fps, kbps)
    else:
        encoder = "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=%d bitrate=%d " \
                  "! video/x-h265,profile=main" % (2 * fps, kbps)
    return (
        "( videotestsrc is-live=true pattern=%s ! video/x-raw,format=I420,width=%d,height=%d,framerate=%d/1 "
        "! %s ! %s ! videoconvert ! %s ! %s name=pay0 pt=96 config-interval=-1 )"
        % (mount.get("pattern", "smpte"), width, height, fps, clock, label, encoder, PAYLOADERS[codec])
    )


def make_auth_class(GstRtspServer):
    class MountAuth(GstRtspServer.RTSPAuth):
        """Stock GstRTSPAuth either asks every client for credentials or, given a default token, answers 404
        instead of 401 so clients never send theirs. Here mounts without auth are let through and the rest get
        the stock checks."""

        def __init__(self, open_paths):
            super().__init__()
            self.open_paths = {"/" + path for path in open_paths}

        def do_check(self, ctx, check):
            # SETUP addresses a stream of the mount: <mount>/stream=<n>.
            path = re.sub(r"/stream=\d+$", "", ctx.uri.abspath if ctx.uri is not None else "")
            if path in self.open_paths:
                return True
            return GstRtspServer.RTSPAuth.do_check(self, ctx, check)

    return MountAuth


def make_shared_factory_class(GstRtspServer):
    class SharedFactory(GstRtspServer.RTSPMediaFactory):
        """One factory mounted at several paths. The stock key of a shared media is the request's path, so each
        path would get its own pipeline; one key for every path makes them all join the same media."""

        def __init__(self, key):
            super().__init__()
            self.key = key

        def do_gen_key(self, _url):
            return self.key

    return SharedFactory


class Feeds:
    def __init__(self, modules, config, port):
        self.GLib, self.Gst, self.GstRtsp, self.GstRtspServer = modules
        self.config = config
        self.port = port
        self.server = self.GstRtspServer.RTSPServer()
        self.loop = self.GLib.MainLoop()

    def validate_pipelines(self):
        """Build each pipeline once (not playing) so a missing element fails at start, not at a client's DESCRIBE."""
        for mount in self.config["mounts"]:
            codec = mount.get("codec", "h264")
            needed = ["videotestsrc", "videoconvert", "textoverlay", ENCODERS[codec], PAYLOADERS[codec]]
            missing = missing_elements(self.Gst, needed)
            if missing:
                packages = sorted({PACKAGE_OF.get(m, "?") for m in missing})
                fail("mount %s needs %s: not installed (apt-get install -y %s)"
                     % (mount["path"], ", ".join(missing), " ".join(packages)), 3)
            try:
                pipeline = self.Gst.parse_launch(launch_line(mount).strip("() "))
                pipeline.set_state(self.Gst.State.NULL)
            except self.GLib.Error as error:
                fail("mount %s: cannot build its pipeline: %s" % (mount["path"], error.message))

    def setup_auth(self):
        protected = [m for m in self.config["mounts"] if m.get("auth")]
        if not protected:
            return {}
        auth = make_auth_class(self.GstRtspServer)([m["path"] for m in self.config["mounts"] if not m.get("auth")])
        digest = self.config.get("authMethod", "digest") == "digest"
        roles = {}
        for mount in protected:
            key = (mount["auth"]["username"], mount["auth"]["password"])
            if key in roles:
                continue
            roles[key] = "user%d" % len(roles)
            token = self.GstRtspServer.RTSPToken()
            token.set_string("media.factory.role", roles[key])
            if digest:
                auth.add_digest(key[0], key[1], token)
            else:
                auth.add_basic(self.GstRtspServer.RTSPAuth.make_basic(*key), token)
        auth.set_supported_methods(
            self.GstRtsp.RTSPAuthMethod.DIGEST if digest else self.GstRtsp.RTSPAuthMethod.BASIC)
        self.server.set_auth(auth)
        return {m["path"]: roles[(m["auth"]["username"], m["auth"]["password"])] for m in protected}

    def add_mounts(self, roles):
        points = self.server.get_mount_points()
        pool = self.GstRtspServer.RTSPAddressPool()
        # UDP transport binds its RTP/RTCP sockets from this pool: loopback only, like the control port.
        pool.add_range("127.0.0.1", "127.0.0.1", 40000, 59999, 0)
        shared_factory = make_shared_factory_class(self.GstRtspServer)
        for index, group in enumerate(encoder_groups(self.config)):
            mount = group[0]
            if len(group) > 1:
                factory = shared_factory("encoder-group-%d" % index)
            else:
                factory = self.GstRtspServer.RTSPMediaFactory()
            factory.set_launch(launch_line(mount))
            factory.set_shared(True)
            factory.set_address_pool(pool)
            role = roles.get(mount["path"])
            if role is not None:
                factory.add_role_from_structure(self.Gst.Structure.new_from_string(
                    "%s, media.factory.access=(boolean)true, media.factory.construct=(boolean)true" % role))
            factory.connect("media-configure", self.on_media_configure, mount, len(group))
            for member in group:
                points.add_factory("/" + member["path"], factory)

    def on_media_configure(self, _factory, media, mount, group_size):
        bin_ = media.get_element()
        clock = bin_.get_by_name("clock")
        label = bin_.get_by_name("label")
        shared = " (1 encoder, %d mounts)" % group_size if group_size > 1 else ""
        label.set_property("text", "%s · %s%s" % (mount.get("label", ""), mount["path"], shared))
        clock.get_static_pad("video_sink").add_probe(self.Gst.PadProbeType.BUFFER, self.stamp, clock)
        bin_.get_by_name("pay0").get_static_pad("src").add_probe(
            self.Gst.PadProbeType.QUERY_UPSTREAM, self.refuse_seeking)
        emit("RTSP_MEDIA " + mount["path"])

    def refuse_seeking(self, _pad, info):
        """A live camera cannot seek, but videotestsrc says it can. Then every PLAY with a Range (ffmpeg sends
        npt=0-) made gst-rtsp-server flush the SHARED pipeline, and a PLAY coming right after another client's
        flush found no segment on the stream: gst_rtsp_media_get_rates asserted and the process aborted (16
        viewers leaving as 16 join: about one round in 40 here). Dropped here, the query keeps its
        default answer (not seekable) and PLAY leaves the pipeline alone, as with a real camera."""
        query = info.get_query()
        if query is not None and query.type == self.Gst.QueryType.SEEKING:
            return self.Gst.PadProbeReturn.DROP
        return self.Gst.PadProbeReturn.OK

    def stamp(self, _pad, _info, clock):
        clock.set_property("text", clock_text())
        return self.Gst.PadProbeReturn.OK

    def run(self, watch_stdin):
        self.validate_pipelines()
        roles = self.setup_auth()
        self.add_mounts(roles)
        host = self.config.get("host", "127.0.0.1")
        if not re.fullmatch(r"127\.\d{1,3}\.\d{1,3}\.\d{1,3}", host):
            fail("host must be a loopback address (127.x.x.x), not %r" % host)
        self.server.set_address(host)
        self.server.set_service(str(self.port))
        self.server.set_backlog(128)  # a wall opening 16+ tiles at once connects all of them together
        if self.server.attach(None) == 0:
            fail("cannot listen on %s:%d" % (host, self.port))
        for signum in (signal.SIGTERM, signal.SIGINT):
            self.GLib.unix_signal_add(self.GLib.PRIORITY_HIGH, signum, self.quit)
        if watch_stdin:
            # The parent holds our stdin open: EOF means it is gone, so nothing would ever stop us.
            self.GLib.io_add_watch(sys.stdin.fileno(), self.GLib.PRIORITY_DEFAULT,
                                   self.GLib.IOCondition.IN | self.GLib.IOCondition.HUP, self.on_stdin)
        emit("RTSP_READY %d" % self.server.get_bound_port())
        self.loop.run()

    def on_stdin(self, fd, _condition):
        if not os.read(fd, 4096):
            self.quit()
            return False
        return True

    def quit(self):
        self.loop.quit()
        return False


def read_config(args):
    try:
        if args.config:
            with open(args.config, encoding="utf-8") as handle:
                config = json.load(handle)
        else:
            config = json.loads(sys.stdin.readline())
    except (OSError, ValueError) as error:
        fail("cannot read config: %s" % error)
    if not isinstance(config, dict) or not isinstance(config.get("mounts"), list) or not config["mounts"]:
        fail("config needs a non-empty mounts list")
    for mount in config["mounts"]:
        if not isinstance(mount, dict):
            fail("each mount must be an object")
        check_mount(mount)
    if config.get("authMethod", "digest") not in ("digest", "basic"):
        fail("authMethod must be digest or basic")
    passwords = {}
    for mount in config["mounts"]:
        auth = mount.get("auth")
        if auth and passwords.setdefault(auth["username"], auth["password"]) != auth["password"]:
            fail("user %r is given two different passwords; use one name per password" % auth["username"])
    paths = [m["path"] for m in config["mounts"]]
    if len(set(paths)) != len(paths):
        fail("mount paths must be unique")
    if not isinstance(config.get("sharedEncoders", False), bool):
        fail("sharedEncoders must be true or false")
    nice = config.get("nice", 0)
    if not isinstance(nice, int) or isinstance(nice, bool) or not 0 <= nice <= 19:
        fail("nice must be an integer 0..19")
    return config


def main():
    parser = argparse.ArgumentParser(description="RTSP test feeds on loopback")
    parser.add_argument("--port", type=int)
    parser.add_argument("--config")
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--watch-stdin", action="store_true")
    args = parser.parse_args()
    if args.probe:
        probe()
        return
    modules, error = load_gst()
    if modules is None:
        fail("GStreamer RTSP server is not available: %s" % error, 3)
    config = read_config(args)
    if config.get("nice", 0):
        # Before any streaming thread exists: Linux keeps a nice value per thread and new threads inherit it.
        os.nice(config["nice"])
    port = args.port if args.port is not None else config.get("port", 0)
    if not isinstance(port, int) or not 0 <= port <= 65535:
        fail("port must be 0..65535")
    Feeds(modules, config, port).run(args.watch_stdin)
    sys.stdout.flush()
    # Skip interpreter teardown: GStreamer's streaming threads are still running and can block a normal exit.
    os._exit(0)


if __name__ == "__main__":
    main()

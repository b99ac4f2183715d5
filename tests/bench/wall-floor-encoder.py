"""The simulated camera's own share of the wall latency floor: the very pipeline sim/rtsp serves (its launch line,
its clock probe), run here without the RTSP server, timing each frame from the clock stamp to the encoder's output
and to the payloader's. Run by wall-latency-floor.bench.ts with Debian's python3; prints one JSON line.

  python3 wall-floor-encoder.py '{"width": 1280, "height": 720, "fps": 25, "bitrateKbps": 2000}' SECONDS
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sim", "rtsp"))
import rtsp_server  # noqa: E402  (the feeds' own module: same launch line, same clock text)

WARMUP_FRAMES = 25


def main():
    mount = dict(json.loads(sys.argv[1]), path="floor")
    seconds = float(sys.argv[2])
    modules, error = rtsp_server.load_gst()
    if modules is None:
        rtsp_server.fail("GStreamer is not available: %s" % error, 3)
    GLib, Gst = modules[0], modules[1]
    line = rtsp_server.launch_line(mount).strip()
    # The launch line is a bin "( … )" for the RTSP factory; here it is a pipeline ending in a fakesink.
    line = line[1:-1].replace("x264enc ", "x264enc name=enc ", 1).replace("x265enc ", "x265enc name=enc ", 1)
    pipeline = Gst.parse_launch(line + " ! fakesink name=sink sync=false")
    # The encoder shifts timestamps (x264 adds 1000 h): frames are matched by order, none is dropped.
    stamped, encoded, paid = [], {}, {}

    def stamp(_pad, _info, clock):
        stamped.append(time.time())
        clock.set_property("text", rtsp_server.clock_text())
        return Gst.PadProbeReturn.OK

    def mark(table):
        def probe(_pad, info):
            now = time.time()
            if info.type & Gst.PadProbeType.BUFFER_LIST:
                pts = info.get_buffer_list().get(0).pts
            else:
                pts = info.get_buffer().pts
            table[pts] = now  # the last buffer (RTP packet) of a frame wins
            return Gst.PadProbeReturn.OK

        return probe

    clock = pipeline.get_by_name("clock")
    clock.get_static_pad("video_sink").add_probe(Gst.PadProbeType.BUFFER, stamp, clock)
    both = Gst.PadProbeType.BUFFER | Gst.PadProbeType.BUFFER_LIST
    pipeline.get_by_name("enc").get_static_pad("src").add_probe(both, mark(encoded))
    pipeline.get_by_name("sink").get_static_pad("sink").add_probe(both, mark(paid))
    pipeline.set_state(Gst.State.PLAYING)
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()
    pipeline.set_state(Gst.State.NULL)

    def delays(table):
        out = list(table.values())
        return [round((out[i] - stamped[i]) * 1000, 2) for i in range(WARMUP_FRAMES, min(len(out), len(stamped)))]

    print(json.dumps({"encoderMs": delays(encoded), "payloaderMs": delays(paid)}))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()

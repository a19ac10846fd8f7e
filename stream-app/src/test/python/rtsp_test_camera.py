#!/usr/bin/python3
"""An RTSP test camera on loopback: GStreamer's RTSP server streaming an endless live H.264 test picture.

Usage: rtsp_test_camera.py PORT MOUNT [WIDTHxHEIGHT] [FPS]
Prints "READY rtsp://127.0.0.1:PORT/MOUNT" once it listens; runs until killed.
Needs Debian's python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-{base,good,bad,ugly}.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    port, mount = sys.argv[1], sys.argv[2].strip("/")
    width, height = (sys.argv[3] if len(sys.argv) > 3 else "320x240").split("x")
    fps = sys.argv[4] if len(sys.argv) > 4 else "25"
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        f"( videotestsrc is-live=true pattern=ball "
        f"! video/x-raw,width={width},height={height},framerate={fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} "
        f"! rtph264pay name=pay0 pt=96 config-interval=1 )")
    factory.set_shared(True)
    server.get_mount_points().add_factory("/" + mount, factory)
    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{port}")
    print(f"READY rtsp://127.0.0.1:{port}/{mount}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()

"""A real SMTP server for the tests: accepts every message and writes it, byte for byte, as an .eml file.

Usage: smtp_sink.py HOST PORT FOLDER
Each file is named <sequence>-<unix-ns>.eml so tests can count deliveries, including repeats of one Message-ID.
"""
import asyncio
import itertools
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class FolderHandler:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        name = f"{next(self.counter):07d}-{time.time_ns()}.eml"
        temp = os.path.join(self.folder, name + ".tmp")
        with open(temp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(temp, os.path.join(self.folder, name))
        return "250 OK"


def main():
    host, port, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname=host, port=port,
                            enable_SMTPUTF8=True, data_size_limit=10 * 1024 * 1024)
    controller.start()
    print(f"smtp sink listening on {host}:{port}, writing to {folder}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()

# A real SMTP server on loopback for the notification tests: aiosmtpd takes each message over SMTP and this
# handler saves it, decoded, as one JSON file in the folder (written to a temporary name and renamed, so a reader
# never sees half a file). Usage: smtp_sink.py PORT FOLDER; prints "ready" once it listens; stops when stdin closes.
import json
import os
import sys
import time
import uuid
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

port, folder = int(sys.argv[1]), sys.argv[2]


class Save:
    async def handle_DATA(self, server, session, envelope):
        received = time.time()
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "event": str(message["x-factory-event"]),
            "body": body.get_content() if body is not None else "",
            "at": received,
        }
        name = uuid.uuid4().hex
        temporary = os.path.join(folder, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(temporary, os.path.join(folder, name + ".json"))
        return "250 OK"


controller = Controller(Save(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()

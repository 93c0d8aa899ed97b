// A city system subscribing to EOffice events directly on RabbitMQ.
//
// EOffice publishes every event to a fanout exchange named after it (eoffice.letter-sent, ...), in
// MassTransit's JSON envelope: the event itself is under "message", with "messageId" (stable across
// redeliveries: use it to ignore duplicates), "sentTime" and "messageType".
//
// Your system binds its OWN durable queue to the exchanges it cares about, so it never competes with
// EOffice's services for messages and keeps receiving while it is down (messages wait in its queue).
//
// It connects as the read-only city user (`./eoffice status` prints its URL): that user may create and
// read only queues named city.* and bind them to the public eoffice.* exchanges (never eoffice.internal.*),
// which EOffice's services declare; it cannot declare exchanges, so it checks them passively.
//
//   npm install && EOFFICE_AMQP=amqp://eoffice_city:<password>@127.0.0.1:5672/ node subscribe.js [exchange ...]
const amqp = require("amqplib");

const url = process.env.EOFFICE_AMQP;
if (!url) {
  console.error("set EOFFICE_AMQP to the city user's URL (./eoffice status prints it)");
  process.exit(2);
}
const queue = process.env.EOFFICE_QUEUE || "city.example.eoffice-letters";
const exchanges = process.argv.length > 2 ? process.argv.slice(2) : [
  "eoffice.letter-signed",
  "eoffice.letter-sent",
  "eoffice.letter-received",
  "eoffice.letter-read",
];

async function main() {
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  await channel.assertQueue(queue, { durable: true });
  for (const exchange of exchanges) {
    // EOffice's services declare their exchanges when they start; a city user only checks they are there.
    await channel.checkExchange(exchange);
    await channel.bindQueue(queue, exchange, "");
  }
  await channel.prefetch(10);
  console.log(`listening on ${queue} for ${exchanges.join(", ")}`);

  const seen = new Set(); // a real system keeps processed message ids in its own database
  await channel.consume(queue, (msg) => {
    const envelope = JSON.parse(msg.content.toString("utf8"));
    const event = msg.fields.exchange;
    if (!seen.has(envelope.messageId)) {
      seen.add(envelope.messageId);
      const m = envelope.message;
      const what = [m.number, m.subject ?? (m.security ? `(${m.security})` : null)].filter(Boolean).join(" ");
      console.log(`${envelope.sentTime} ${event} letter=${m.letterId} ${what}`);
    }
    channel.ack(msg);
  });

  const stop = async () => { await channel.close(); await connection.close(); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => { console.error(err); process.exit(1); });

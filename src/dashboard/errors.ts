import type { ErrorRequestHandler } from "express";
import type { Logger } from "../logger.js";

/** Each web router's last handler: anything unexpected is logged and answered without details. */
export function webErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    logger.error({ err: error }, "Onverwachte fout in een webverzoek");
    if (res.headersSent) return;
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    res.status(status).type("text").send(status === 500 ? "Er ging iets mis / Something went wrong" : "Bad request");
  };
}

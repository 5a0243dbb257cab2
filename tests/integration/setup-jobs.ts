// The tests are a composition root like the server: loading the job catalogue registers the
// first-attempt handlers that sendSoon, processSoon, draftSoon and deliverSoon run.
import "@/lib/jobs/catalog";

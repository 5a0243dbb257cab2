import { Alert } from "@/components/ui/alert";

/**
 * What a form that emails a link shows once it is sent. In development without SMTP the
 * server also returns the link to a request from this machine, shown here to follow at once.
 */
export function EmailSent({
  message,
  devLink,
  devLinkLabel,
  devLinkTestId,
}: {
  message: string;
  devLink?: string;
  devLinkLabel: string;
  devLinkTestId: string;
}) {
  return (
    <div className="space-y-3">
      <Alert tone="success">{message}</Alert>
      {devLink && (
        <Alert tone="info">
          {devLinkLabel}{" "}
          <a href={devLink} className="break-all font-medium underline" data-testid={devLinkTestId}>
            {devLink}
          </a>
        </Alert>
      )}
    </div>
  );
}

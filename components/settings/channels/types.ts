import type { Channel } from "@/lib/channels/admin";

/** What GET /api/v1/channels returns (dates arrive as strings over JSON). */
export type ChannelRow = Omit<Channel, "createdAt"> & { createdAt: string };

export type ChannelsOverview = {
  channels: ChannelRow[];
  webhooks: { twilioMessaging: string; twilioStatus: string; whatsapp: string };
  sandbox: {
    twilio: boolean;
    whatsapp: boolean;
    twilioSigningSecret?: string;
    whatsappAppSecret?: string;
    whatsappVerifyToken?: string;
  };
};

/** Whether each provider sends for real here (credentials configured) or in sandbox mode. */
export type ProviderModes = { twilio: "live" | "sandbox"; whatsapp_cloud: "live" | "sandbox" };

import { z } from 'zod';

/**
 * The part of Prometheus Alertmanager's webhook payload (version 4) the hook reads; other fields
 * are allowed and ignored. https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
const labelSet = z.record(z.string(), z.string());

export const alertmanagerPayloadSchema = z.object({
  // Only version 4 is documented: a payload of another version may mean something else.
  version: z.literal('4', {
    error: 'only version "4" of the Alertmanager webhook payload is read',
  }),
  receiver: z.string().max(200).optional(),
  status: z.enum(['firing', 'resolved']),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: labelSet,
        annotations: labelSet.optional(),
        fingerprint: z.string().min(1).max(200).optional(),
        startsAt: z.string().optional(),
      }),
    )
    .max(1000),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;
export type Alert = AlertmanagerPayload['alerts'][number];

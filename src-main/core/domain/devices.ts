// The shapes that cross between the device adapter (devices/) and the core: what a desk's device read, how each
// device stands, which desk it feeds and which protocol it speaks. The core checks them again where they enter,
// since they come from hardware.
import { z } from 'zod';
import { sexSchema } from './person';
import { because } from './inputIssues';
import { INVISIBLE_CHARACTER } from './personText';

const yyyymmdd = z.string().regex(/^\d{8}$/);
const cardField = z.string().max(120);
/** A clerk desk's number, or the pre-registration window's name in its place. */
const deskSchema = z.string().max(8);
/** How a device is named to people: the manager's name for it, or its model and port. */
export const DEVICE_LABEL_MAX = 200;
const labelSchema = z.string().max(DEVICE_LABEL_MAX);

/** The text of an ID card as the SAM reader returns it. Photo and fingerprint never reach this far. */
export const cardTextSchema = z.strictObject({
  cardType: z.enum(['resident', 'hmt-permit', 'foreign-permanent']),
  /** Chinese name (the English name on a foreign permanent resident card when it has no Chinese one). */
  name: cardField,
  englishName: cardField.nullable(),
  sex: sexSchema,
  /** GB 3304 name of the ethnicity, on resident cards only. */
  ethnicity: cardField.nullable(),
  birthDate: yyyymmdd,
  address: cardField.nullable(),
  idNumber: z.string().max(40),
  authority: cardField.nullable(),
  validFrom: yyyymmdd,
  /** null for a card without expiry (长期). */
  validTo: yyyymmdd.nullable(),
  /** Residence permits: the Hong Kong/Macao/Taiwan pass number and how many times the permit was issued. */
  passNumber: cardField.nullable(),
  issueCount: cardField.nullable(),
  /** Foreign permanent resident cards: ISO 3166 alpha-3. */
  nationality: cardField.nullable(),
});

export type CardText = z.output<typeof cardTextSchema>;

/** What a desk's device hands over: a finished barcode scan, or the text of an ID card. */
export const deviceReadingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scan'), text: z.string().max(4096), symbology: z.string().max(16).nullable() }),
  z.strictObject({ kind: z.literal('card'), card: cardTextSchema }),
]);

export type DeviceReading = z.output<typeof deviceReadingSchema>;

/** A reading as the hub hands it to the core: which desk's device read it, and the device's name for the clerk. */
export const deviceInputSchema = z.strictObject({
  desk: deskSchema,
  device: z.string().max(300),
  label: labelSchema,
  reading: deviceReadingSchema,
});

export type DeviceInput = z.output<typeof deviceInputSchema>;

export const PROTOCOLS = ['hid-pos', 'boot-keyboard', 'serial-scanner', 'sam-reader'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

const usbId = z.number().int().min(0).max(0xffff);

/** A USB device as the operating system lists it: what a device profile is matched against. */
export const portInfoSchema = z.object({
  transport: z.enum(['hid', 'serial']),
  /** The operating system's path: unique while the device stays plugged in. */
  path: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  serialNumber: z.string().nullable(),
  product: z.string().nullable(),
  /** HID only: the top-level collection, which tells a HID-POS scanner (0x8C/0x02) from a keyboard (0x01/0x06). */
  usagePage: z.number().int().nullable(),
  usage: z.number().int().nullable(),
});
export type PortInfo = z.output<typeof portInfoSchema>;
export type Transport = PortInfo['transport'];

/** Which protocol a USB device speaks, by vendor and product id, and the vendor's settings for it. */
export const deviceProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    vendorId: usbId,
    /** null: any product of this vendor. */
    productId: usbId.nullable(),
    /** HID only: the collection's usage page (0x8C for HID-POS); null matches any. */
    usagePage: usbId.nullable(),
    protocol: z.enum(PROTOCOLS),
    hidPosLayout: z.enum(['honeywell', 'newland', 'microscan']),
    serialSuffix: z.enum(['CR', 'LF', 'CRLF']),
    altCodes: z.enum(['unicode', 'gbk']),
    baudRate: z.number().int().min(1200).max(921600),
  })
  .strict();

export type DeviceProfile = z.output<typeof deviceProfileSchema>;

const deviceStatusSchema = z.enum(['ready', 'unplugged', 'failed', 'unassigned', 'unknown']);
export type DeviceStatus = z.output<typeof deviceStatusSchema>;

export const deviceStateSchema = z.strictObject({
  id: z.string().max(300),
  /** The manager's name for the device, else `defaultLabel`: what the desk shows and its readings carry. */
  label: labelSchema,
  /** Its model and the port it is on ("Honeywell HID-POS scanner · /dev/hidraw3"), named or not. */
  defaultLabel: labelSchema,
  kind: z.enum(['scanner', 'card-reader', 'unknown']),
  protocol: z.enum(PROTOCOLS).nullable(),
  desk: deskSchema.nullable(),
  status: deviceStatusSchema,
  /** What went wrong, as a stable reason id the windows translate ('open-failed', 'sam-auth-failed'…). */
  problem: z.string().max(64).nullable(),
  /** Reports that could not be a scan since the device was last opened (plugged in): counted, never stored. */
  noise: z.number().int().min(0),
});

export type DeviceState = z.output<typeof deviceStateSchema>;

/** Which desk a device feeds, by its identity (transport:vendor:product:serial). */
export const deviceAssignmentSchema = z.strictObject({
  device: z.string().min(1).max(300),
  /** null: the device is known but not used at any desk. */
  desk: deskSchema.nullable(),
});

export type DeviceAssignment = z.output<typeof deviceAssignmentSchema>;

/** The longest name a manager may give a device: it has to fit on the desk's status line. */
export const DEVICE_NAME_MAX = 40;

/**
 * What the manager calls a device, so that two of a kind can be told apart ("左边扫码枪"), by its identity. A
 * hidden character would make two names look alike, or one read backwards.
 */
export const deviceNameSchema = z.strictObject({
  device: z.string().min(1).max(300),
  name: z
    .string()
    .trim()
    .min(1)
    .max(DEVICE_NAME_MAX)
    .refine((name) => !INVISIBLE_CHARACTER.test(name), because('invisible-character', 'no control, direction or zero-width characters')),
});

export type DeviceName = z.output<typeof deviceNameSchema>;

/** A desk's scanner sent something its decoder could not read; `label` names the scanner to the clerk. */
export const notUnderstoodScanSchema = z.strictObject({ desk: deskSchema, label: labelSchema });

export type NotUnderstoodScan = z.output<typeof notUnderstoodScanSchema>;

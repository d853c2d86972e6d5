// The words of the exported files: the one catalogue of their headers and of the codes they stand for, in Chinese
// (the default: the files go to Chinese officials) and in English when asked. The core never reads the windows'
// catalogues; these are the files' own words.
import { z } from 'zod';
import type { DocumentType } from '../domain/documents';

export const exportLanguageSchema = z.enum(['zh', 'en']);
export type ExportLanguage = z.output<typeof exportLanguageSchema>;

interface ExportWords {
  registrations: {
    columns: Record<'tube' | 'position' | 'desk' | 'docType' | 'docNumber' | 'name' | 'phone' | 'registeredAt' | 'status' | 'source', string>;
    /** The file's name: the day, and whether it holds the full details. */
    fileName(day: string, full: boolean): string;
  };
  docType: Record<DocumentType, string>;
  status: Record<'active' | 'voided', string>;
  source: Record<'scan' | 'card' | 'manual', string>;
  notYet: {
    columns: Record<'grid' | 'building' | 'unit' | 'room' | 'address' | 'name' | 'docNumber' | 'phone' | 'tags' | 'excused' | 'notes', string>;
    fileName(full: boolean): string;
    sheet: string;
    reasons: Record<'away' | 'hospital' | 'sampled-elsewhere' | 'refused' | 'other', string>;
  };
  coverage: {
    columns: Record<'dimension' | 'grid' | 'building' | 'tag' | 'onRoster' | 'sampled' | 'notYet' | 'excused' | 'rate', string>;
    dimensions: Record<'total' | 'grid' | 'building' | 'tag' | 'visitors', string>;
    sheet: string;
  };
  manifest: {
    columns: Record<'number' | 'handedAt' | 'courier' | 'phone' | 'vehicle' | 'bag' | 'tube' | 'people', string>;
    title(number: string): string;
    fileName(number: string): string;
    total: string;
    bags(count: number): string;
    tubes(count: number): string;
    temperature: string;
    signSite: string;
    signCourier: string;
    signedAt: string;
  };
}

const WORDS: Record<ExportLanguage, ExportWords> = {
  zh: {
    registrations: {
      columns: {
        tube: '试管条码',
        position: '管内序号',
        desk: '登记台',
        docType: '证件类型',
        docNumber: '证件号码',
        name: '姓名',
        phone: '电话',
        registeredAt: '登记时间',
        status: '状态',
        source: '登记方式',
      },
      fileName: (day, full) => `登记-${day}-${full ? '完整' : '脱敏'}`,
    },
    docType: {
      'resident-id': '居民身份证',
      'hmt-permit': '港澳台居民居住证',
      'foreign-permanent': '外国人永久居留身份证',
      passport: '护照',
      other: '其他证件',
    },
    status: { active: '有效', voided: '已作废' },
    source: { scan: '扫码', card: '读卡', manual: '手工' },
    notYet: {
      columns: {
        grid: '网格',
        building: '楼栋',
        unit: '单元',
        room: '房号',
        address: '住址',
        name: '姓名',
        docNumber: '证件号码',
        phone: '电话',
        tags: '人员类别',
        excused: '免检原因',
        notes: '备注',
      },
      fileName: (full) => `未检名单-${full ? '完整' : '脱敏'}`,
      sheet: '未检名单',
      reasons: { away: '外出', hospital: '住院', 'sampled-elsewhere': '已在他处采样', refused: '拒绝', other: '其他' },
    },
    coverage: {
      columns: { dimension: '统计', grid: '网格', building: '楼栋', tag: '人员类别', onRoster: '名单人数', sampled: '已检', notYet: '未检', excused: '免检', rate: '覆盖率' },
      dimensions: { total: '合计', grid: '按网格', building: '按楼栋', tag: '按人员类别', visitors: '名单外人员' },
      sheet: '覆盖',
    },
    manifest: {
      columns: {
        number: '交接单号',
        handedAt: '交接时间',
        courier: '转运人员',
        phone: '联系电话',
        vehicle: '车辆',
        bag: '转运箱',
        tube: '试管条码',
        people: '人数',
      },
      title: (number) => `交接单 ${number}`,
      fileName: (number) => `交接单-${number}`,
      total: '合计',
      bags: (count) => `${count} 箱`,
      tubes: (count) => `${count} 管`,
      temperature: '温度（℃）',
      signSite: '交接人签字',
      signCourier: '接收人签字',
      signedAt: '日期',
    },
  },
  en: {
    registrations: {
      columns: {
        tube: 'Tube barcode',
        position: 'Position in tube',
        desk: 'Desk',
        docType: 'Document type',
        docNumber: 'Document number',
        name: 'Name',
        phone: 'Phone',
        registeredAt: 'Registered at',
        status: 'Status',
        source: 'Entered by',
      },
      fileName: (day, full) => `registrations-${day}-${full ? 'full' : 'masked'}`,
    },
    docType: {
      'resident-id': 'Resident ID card',
      'hmt-permit': 'HK/Macao/Taiwan residence permit',
      'foreign-permanent': 'Foreign permanent resident ID',
      passport: 'Passport',
      other: 'Other document',
    },
    status: { active: 'Valid', voided: 'Voided' },
    source: { scan: 'Scanned code', card: 'ID card read', manual: 'Typed by hand' },
    notYet: {
      columns: {
        grid: 'Grid',
        building: 'Building',
        unit: 'Unit',
        room: 'Room',
        address: 'Address',
        name: 'Name',
        docNumber: 'Document number',
        phone: 'Phone',
        tags: 'Groups',
        excused: 'Excused because',
        notes: 'Notes',
      },
      fileName: (full) => `not-yet-sampled-${full ? 'full' : 'masked'}`,
      sheet: 'Not yet sampled',
      reasons: { away: 'Away', hospital: 'In hospital', 'sampled-elsewhere': 'Sampled elsewhere', refused: 'Refused', other: 'Other' },
    },
    coverage: {
      columns: { dimension: 'Counted by', grid: 'Grid', building: 'Building', tag: 'Group', onRoster: 'On the roster', sampled: 'Sampled', notYet: 'Not yet', excused: 'Excused', rate: 'Coverage' },
      dimensions: { total: 'Total', grid: 'Grid', building: 'Building', tag: 'Group', visitors: 'Not on the roster' },
      sheet: 'Coverage',
    },
    manifest: {
      columns: {
        number: 'Manifest number',
        handedAt: 'Handed over at',
        courier: 'Courier',
        phone: 'Phone',
        vehicle: 'Vehicle',
        bag: 'Transport box',
        tube: 'Tube barcode',
        people: 'People',
      },
      title: (number) => `Manifest ${number}`,
      fileName: (number) => `manifest-${number}`,
      total: 'Total',
      bags: (count) => `${count} ${count === 1 ? 'box' : 'boxes'}`,
      tubes: (count) => `${count} ${count === 1 ? 'tube' : 'tubes'}`,
      temperature: 'Temperature (°C)',
      signSite: 'Handed over by (signature)',
      signCourier: 'Received by (signature)',
      signedAt: 'Date',
    },
  },
};

export function exportWords(language: ExportLanguage): ExportWords {
  return WORDS[language];
}

/**
 * A stored code in words. A code the catalogue does not know (a row written by another version) is shown as
 * stored rather than as nothing.
 */
export function inWords<C extends string>(words: Record<C, string>, code: string): string {
  return Object.hasOwn(words, code) ? words[code as C] : code;
}

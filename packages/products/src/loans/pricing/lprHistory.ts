/**
 * Published LPR history since the 2019 reform, as data. Source: the monthly announcements of the
 * National Interbank Funding Center (全国银行间同业拆借中心) authorised by the PBoC, published on the
 * 20th (the next business day when it is a holiday). Only changes are listed: every month between
 * two entries repeated the earlier rate. Dates are publication dates, from which the rate applies.
 * The table ends with the last change known when this file was written (2025-05-20); a bank loads
 * newer fixings with {@link lprTable} from its market-data feed.
 */
import { lprTable, type LprTable } from './lprTable.js';

/** The published 1-year and over-5-year LPR changes, 2019-08-20 to 2025-05-20 (percent per year). */
export const LPR_HISTORY: LprTable = lprTable({
  LPR1Y: [
    { from: '2019-08-20', ratePercent: '4.25' }, // first fixing under the reformed LPR mechanism
    { from: '2019-09-20', ratePercent: '4.20' },
    { from: '2019-11-20', ratePercent: '4.15' },
    { from: '2020-02-20', ratePercent: '4.05' },
    { from: '2020-04-20', ratePercent: '3.85' },
    { from: '2021-12-20', ratePercent: '3.80' },
    { from: '2022-01-20', ratePercent: '3.70' },
    { from: '2022-08-22', ratePercent: '3.65' },
    { from: '2023-06-20', ratePercent: '3.55' },
    { from: '2023-08-21', ratePercent: '3.45' },
    { from: '2024-07-22', ratePercent: '3.35' },
    { from: '2024-10-21', ratePercent: '3.10' },
    { from: '2025-05-20', ratePercent: '3.00' },
  ],
  LPR5Y: [
    { from: '2019-08-20', ratePercent: '4.85' },
    { from: '2019-11-20', ratePercent: '4.80' },
    { from: '2020-02-20', ratePercent: '4.75' },
    { from: '2020-04-20', ratePercent: '4.65' },
    { from: '2022-01-20', ratePercent: '4.60' },
    { from: '2022-05-20', ratePercent: '4.45' },
    { from: '2022-08-22', ratePercent: '4.30' },
    { from: '2023-06-20', ratePercent: '4.20' },
    { from: '2024-02-20', ratePercent: '3.95' },
    { from: '2024-07-22', ratePercent: '3.85' },
    { from: '2024-10-21', ratePercent: '3.60' },
    { from: '2025-05-20', ratePercent: '3.50' },
  ],
});

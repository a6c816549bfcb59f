import type { Colors, Paint } from './colors.js';

/** The color of a job or build status: green success, red failure, yellow canceled, gray the rest. */
export function statusPaint(status: string, colors: Colors): Paint {
  switch (status) {
    case 'success':
      return colors.green;
    case 'failure':
    case 'lost':
      return colors.red;
    case 'canceled':
      return colors.yellow;
    default:
      return colors.gray;
  }
}

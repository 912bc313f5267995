/**
 * Catalogue group "masks" (see ../catalog.ts): privacy masks in the zone editor and the live view.
 * A mask is blacked out in every frame as it is decoded: never analysed, black in snapshots, clips
 * and live frames. French and English side by side.
 */
import type { Section } from '../translate.ts';

export const masks = {
  add: { fr: 'Masque de confidentialité (noirci)', en: 'Privacy mask (blacked out)' },
  kind: { fr: 'masque de confidentialité', en: 'privacy mask' },
  label: { fr: 'Masque {n}', en: 'Mask {n}' },
  panelTitle: { fr: 'Masque de confidentialité {n}', en: 'Privacy mask {n}' },
  hint: {
    fr: 'Cette partie de l’image est noircie dès le décodage : elle n’est jamais analysée et reste noire dans les images d’alerte, les extraits vidéo et le direct. Elle s’applique au redémarrage de la caméra, à l’enregistrement.',
    en: 'This part of the image is blacked out as soon as it is decoded: it is never analysed and stays black in alert snapshots, clips and the live view. It applies when the camera restarts, on saving.',
  },
  deleteMask: { fr: 'Supprimer le masque', en: 'Delete mask' },
  limitReached: { fr: 'au plus {max} masques par caméra', en: 'at most {max} masks per camera' },
  startDrawing: {
    fr: 'Cliquez sur l’image pour ajouter les points du masque {n} ; cliquez sur le premier point (ou appuyez sur Entrée) pour le fermer.',
    en: 'Click on the image to add the points of mask {n}; click the first point (or press Enter) to close it.',
  },
} as const satisfies Section;

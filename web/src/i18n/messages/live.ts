/** Catalogue group "live" (see ../catalog.ts): the live wall ("mur d'images") and its tiles. French and English side by side. */
import type { Section } from '../translate.ts';

export const live = {
  title: { fr: 'Mur d’images', en: 'Live view' },
  camerasOnWall: { fr: 'Caméras affichées sur le mur', en: 'Cameras on the wall' },
  disabledHidden: {
    fr: { one: '{count} caméra désactivée non affichée', other: '{count} caméras désactivées non affichées' },
    en: { one: '{count} disabled camera not shown', other: '{count} disabled cameras not shown' },
  },
  /** Followed by a link to the camera list. */
  noCameraAddIn: { fr: 'Aucune caméra pour l’instant. Ajoutez-en une dans', en: 'No camera yet. Add one in' },
  legendTrack: { fr: 'objet suivi (id)', en: 'tracked object (id)' },
  legendAlert: { fr: 'alerte active', en: 'active alert' },
  legendFlow: { fr: 'sens de circulation (flèche : sens autorisé)', en: 'flow (arrow: allowed direction)' },

  tileLabel: { fr: 'Caméra {name}', en: 'Camera {name}' },
  enlarge: { fr: 'Agrandir', en: 'Enlarge' },
  wall: { fr: 'Mur', en: 'Wall' },
  waitingFrames: { fr: 'En attente d’images…', en: 'Waiting for frames…' },
  /** Followed, below the image, by the server's reason (live view refused, no frame from its worker). */
  noLiveImage: { fr: 'Pas d’image en direct', en: 'No live image' },
  cameraDisabled: { fr: 'Caméra désactivée', en: 'Camera disabled' },
  noFrameFor: { fr: 'Aucune image depuis {seconds} s', en: 'No frame for {seconds} s' },
  frameTimeHint: { fr: 'Heure de l’image affichée et son ancienneté', en: 'Time of the frame shown and its age' },
  ageSeconds: { fr: 'il y a {seconds} s', en: '{seconds} s ago' },
  ageMinutes: { fr: 'il y a {minutes} min', en: '{minutes} min ago' },

  /** What the detector saw, on the overlay (the English is the label's code, as before). */
  object_person: { fr: 'personne', en: 'person' },
  object_bicycle: { fr: 'vélo', en: 'bicycle' },
  object_car: { fr: 'voiture', en: 'car' },
  object_motorcycle: { fr: 'moto', en: 'motorcycle' },
  object_bus: { fr: 'bus', en: 'bus' },
  object_truck: { fr: 'camion', en: 'truck' },
  object_backpack: { fr: 'sac à dos', en: 'backpack' },
  object_handbag: { fr: 'sac à main', en: 'handbag' },
  object_suitcase: { fr: 'valise', en: 'suitcase' },
  object_knife: { fr: 'couteau', en: 'knife' },
  object_baseball_bat: { fr: 'batte de baseball', en: 'baseball_bat' },
  object_scissors: { fr: 'ciseaux', en: 'scissors' },
  object_pistol: { fr: 'pistolet', en: 'pistol' },
  object_rifle: { fr: 'fusil', en: 'rifle' },
  object_fire: { fr: 'feu', en: 'fire' },
  object_smoke: { fr: 'fumée', en: 'smoke' },
} as const satisfies Section;

import type { CardInstrument, CardRegistration } from '@ayokit/core';
import type { AyoApi } from '../api';
import type { LiveHub } from '../live';
import type { FlowError } from './errors';
import {
  HostedPageFlow,
  type HostedPageOptions,
  type HostedPageState,
  type PageMode,
  type PageWindow,
} from './hostedPage';

export type CardRegistrationMode = PageMode;
export type CardPageWindow = PageWindow;
export type CardRegistrationOptions = HostedPageOptions;

export type CardRegistrationState =
  | { status: 'idle' }
  | { status: 'creating' }
  | {
      status: 'awaitingPage';
      registration: CardRegistration;
      webviewUrl: string;
      /** When the registration page's session ends. */
      expiresAt: string | null;
      window: CardPageWindow;
    }
  | { status: 'verifying'; registration: CardRegistration }
  | {
      status: 'succeeded';
      registration: CardRegistration;
      instrumentId: string;
      /** The new card (null only if it could not be read back; the id is still good). */
      card: CardInstrument | null;
    }
  | { status: 'failed'; error: FlowError; registration: CardRegistration | null }
  | { status: 'expired'; registration: CardRegistration }
  | { status: 'stillProcessing'; registration: CardRegistration };

export const CARD_REDIRECT_STORAGE_KEY = 'ayokit:card-registration';

function present(s: HostedPageState<CardRegistration, undefined>): CardRegistrationState {
  switch (s.status) {
    case 'idle':
    case 'creating':
      return { status: s.status };
    case 'awaitingPage':
      return {
        status: 'awaitingPage',
        registration: s.resource,
        webviewUrl: s.webviewUrl,
        expiresAt: s.expiresAt,
        window: s.window,
      };
    case 'succeeded':
      return {
        status: 'succeeded',
        registration: s.resource,
        instrumentId: s.instrumentId,
        card: s.instrument?.type === 'card' ? s.instrument : null,
      };
    case 'failed':
      return { status: 'failed', error: s.error, registration: s.resource };
    case 'verifying':
    case 'expired':
    case 'stillProcessing':
      return { status: s.status, registration: s.resource };
    default:
      return s satisfies never;
  }
}

/**
 * Adding a card: create → the gateway's registration page (card number, 3-D Secure) in a popup,
 * iframe or redirect → verifying → succeeded (with the card) | failed | expired. The card number
 * never touches this page: the gateway's page takes it.
 */
export class CardRegistrationFlow extends HostedPageFlow<CardRegistration, undefined, CardRegistrationState> {
  constructor(api: AyoApi, live: LiveHub, options: CardRegistrationOptions = {}) {
    super(
      live,
      {
        event: 'card_registration',
        windowName: 'ayokit-card',
        storageKey: CARD_REDIRECT_STORAGE_KEY,
        queryParam: 'ayokitCardRegistration',
        returnMessage: 'ayokit:card-registration-return',
        returnIdField: 'cardRegistrationId',
        create: (_, common, key) => api.startCardRegistration(common, key),
        get: (id) => api.getCardRegistration(id),
        phase: (r) => (r.status === 'in_progress' ? 'awaiting' : r.status),
        fallbackFailure: { code: 'UPSTREAM_REJECTED', message: 'The card could not be added.' },
        verifyOnReturn: true,
        loadInstrument: async (id) => (await api.listInstruments()).find((i) => i.id === id) ?? null,
      },
      options,
      present,
    );
  }

  /** Call from the click handler: a popup opened later is blocked by browsers. */
  override start(): Promise<void> {
    return super.start(undefined);
  }
}

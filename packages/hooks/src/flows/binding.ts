import type { BankCode, Binding } from '@ayokit/core';
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

export type BindingMode = PageMode;

/** Where the bank's page is shown right now. */
export type BankWindow = PageWindow;

export type BindingState =
  | { status: 'choosingBank' }
  | { status: 'creating'; bankCode: BankCode | null }
  | {
      status: 'awaitingBank';
      binding: Binding;
      webviewUrl: string;
      expiresAt: string | null;
      window: BankWindow;
    }
  | { status: 'verifying'; binding: Binding }
  | { status: 'bound'; binding: Binding; instrumentId: string }
  | { status: 'failed'; error: FlowError; binding: Binding | null }
  | { status: 'expired'; binding: Binding }
  | { status: 'stillProcessing'; binding: Binding };

export interface BindingFlowOptions extends HostedPageOptions {
  phoneNumber?: string;
}

export const REDIRECT_STORAGE_KEY = 'ayokit:binding';

function present(s: HostedPageState<Binding, BankCode | null>): BindingState {
  switch (s.status) {
    case 'idle':
      return { status: 'choosingBank' };
    case 'creating':
      return { status: 'creating', bankCode: s.arg ?? null };
    case 'awaitingPage':
      return {
        status: 'awaitingBank',
        binding: s.resource,
        webviewUrl: s.webviewUrl,
        expiresAt: s.expiresAt,
        window: s.window,
      };
    case 'verifying':
      return { status: 'verifying', binding: s.resource };
    case 'succeeded':
      return { status: 'bound', binding: s.resource, instrumentId: s.instrumentId };
    case 'failed':
      return { status: 'failed', error: s.error, binding: s.resource };
    case 'expired':
      return { status: 'expired', binding: s.resource };
    case 'stillProcessing':
      return { status: 'stillProcessing', binding: s.resource };
    default:
      return s satisfies never;
  }
}

/**
 * The binding journey: choose bank → create → the bank's page (popup, iframe or redirect) →
 * verifying → bound | failed | expired | stillProcessing. The machinery is HostedPageFlow's.
 */
export class BindingFlow extends HostedPageFlow<Binding, BankCode | null, BindingState> {
  constructor(api: AyoApi, live: LiveHub, options: BindingFlowOptions = {}) {
    super(
      live,
      {
        event: 'binding',
        windowName: 'ayokit-bank',
        storageKey: REDIRECT_STORAGE_KEY,
        queryParam: 'ayokitBinding',
        returnMessage: 'ayokit:binding-return',
        returnIdField: 'bindingId',
        create: (bankCode, common, key) =>
          api.startBinding(
            {
              ...(bankCode ? { bankCode } : {}),
              ...(common.locale ? { locale: common.locale } : {}),
              ...(options.phoneNumber ? { phoneNumber: options.phoneNumber } : {}),
              ...(common.returnUrl ? { returnUrl: common.returnUrl } : {}),
            },
            key,
          ),
        get: (id) => api.getBinding(id),
        phase: (b) => {
          switch (b.status) {
            case 'in_progress':
              return 'awaiting';
            case 'verification_pending':
              return 'verifying';
            case 'succeeded':
            case 'failed':
              return b.status;
            default:
              return b.status satisfies never;
          }
        },
        fallbackFailure: { code: 'BINDING_FAILED', message: 'The bank did not bind the account.' },
      },
      options,
      present,
    );
  }

  /** Call from the click handler: a popup opened later is blocked by browsers. */
  override start(bankCode?: BankCode | null): Promise<void> {
    return super.start(bankCode ?? null);
  }
}

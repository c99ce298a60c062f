import type { BankCode, Locale } from '@ayokit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BindingFlow, type BindingFlowOptions, type BindingState } from './flows/binding';
import {
  CardRegistrationFlow,
  type CardRegistrationOptions,
  type CardRegistrationState,
} from './flows/cardRegistration';
import { useFlowState } from './observable';
import { useAyoContext } from './provider';

/** What useBinding and useCardRegistration share: one flow per mount, resumed after a redirect. */
interface HostedPageLike {
  attach: () => () => void;
  mode: string;
  resume: () => Promise<unknown>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
  setLocale: (locale: Locale) => void;
}

function useHostedPage(flow: HostedPageLike, locale: Locale) {
  useEffect(() => flow.attach(), [flow]);
  // The page is asked for in the language of the moment it opens, not of the first render.
  useEffect(() => flow.setLocale(locale), [flow, locale]);
  useEffect(() => {
    if (flow.mode === 'redirect') void flow.resume();
  }, [flow]);
}

const hostedPageActions = (flow: HostedPageLike) => ({
  cancel: () => flow.cancel(),
  retry: () => flow.retry(),
  reopen: () => flow.reopen(),
  refresh: () => flow.refresh(),
});

export interface UseBindingResult {
  state: BindingState;
  start: (bankCode?: BankCode | null) => Promise<void>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
}

/** Binding a bank account: a discriminated union of states, and the actions that move it. */
export function useBinding(options: BindingFlowOptions = {}): UseBindingResult {
  const { api, live, locale } = useAyoContext('useBinding');
  const qc = useQueryClient();
  const [flow] = useState(() => new BindingFlow(api, live, { locale, ...options }));
  const state = useFlowState(flow);
  useHostedPage(flow, options.locale ?? locale);
  useEffect(() => {
    if (state.status === 'bound') {
      void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
      void qc.invalidateQueries({ queryKey: ['ayokit', 'banks'] });
    }
  }, [state.status, qc]);
  return {
    state,
    start: (bankCode) => flow.start(bankCode),
    ...hostedPageActions(flow),
  };
}

export interface UseCardRegistrationResult {
  state: CardRegistrationState;
  /** Call from the click handler (a popup opened after an await is blocked). */
  start: () => Promise<void>;
  cancel: () => void;
  retry: () => Promise<void>;
  reopen: () => void;
  refresh: () => Promise<void>;
}

/**
 * Adding a card on the gateway's registration page: the same shape as useBinding. Redirect mode
 * resumes by itself when the page sends the shopper back.
 */
export function useCardRegistration(options: CardRegistrationOptions = {}): UseCardRegistrationResult {
  const { api, live, locale } = useAyoContext('useCardRegistration');
  const qc = useQueryClient();
  const [flow] = useState(() => new CardRegistrationFlow(api, live, { locale, ...options }));
  const state = useFlowState(flow);
  useHostedPage(flow, options.locale ?? locale);
  useEffect(() => {
    if (state.status === 'succeeded') void qc.invalidateQueries({ queryKey: ['ayokit', 'instruments'] });
  }, [state.status, qc]);
  return {
    state,
    start: () => flow.start(),
    ...hostedPageActions(flow),
  };
}

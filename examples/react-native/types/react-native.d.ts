/**
 * Hand-written declarations for the few react-native APIs the example uses (Platform,
 * AppState, Linking, View, Text, Pressable), after react-native's own types, so the example
 * type-checks without installing React Native.
 */
declare module 'react-native' {
  import type { ReactNode } from 'react';
  export const Platform: { OS: 'ios' | 'android' | 'web' | 'windows' | 'macos'; Version: number | string };
  export type AppStateStatus = 'active' | 'background' | 'inactive' | 'unknown' | 'extension';
  export const AppState: {
    currentState: AppStateStatus;
    addEventListener(type: 'change', listener: (state: AppStateStatus) => void): { remove(): void };
  };
  export const Linking: { openSettings(): Promise<void> };
  export function View(props: { children?: ReactNode; style?: object }): ReactNode;
  export function Text(props: { children?: ReactNode; style?: object }): ReactNode;
  export function Pressable(props: {
    children?: ReactNode;
    onPress?: () => void;
    accessibilityRole?: 'button';
  }): ReactNode;
}

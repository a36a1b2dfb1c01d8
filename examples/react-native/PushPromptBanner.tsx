/**
 * A primer driven by usePushPrompt: the soft prompt when the engine says so (its copy keyed
 * by the rule's variant), a settings link for users the OS will not ask again, else nothing.
 */
import type { ReactNode } from 'react';
import { Pressable, Text, View } from 'react-native';
import type { PushPrompt } from './usePushPrompt';

const COPY: Readonly<Record<string, string>> = {
  'order-updates': 'Get notified when your order ships.',
  'upgrade-alerts': "You're getting quiet updates. Want them as banners, with sound?",
};

export function PushPromptBanner({ prompt }: { prompt: PushPrompt }): ReactNode {
  const d = prompt.decision;
  if (d === null || d.action === 'wait') return null;
  const variant = d.params?.variant;
  if (d.action === 'show-settings-link') {
    return (
      <View>
        <Text>Notifications are off. Turn them on in Settings: it takes 5 seconds.</Text>
        <Pressable accessibilityRole="button" onPress={() => void prompt.openSettings()}>
          <Text>Open Settings</Text>
        </Pressable>
      </View>
    );
  }
  return (
    <View>
      <Text>{(variant !== undefined && COPY[variant]) || 'Turn on notifications?'}</Text>
      <Pressable accessibilityRole="button" onPress={() => void prompt.accept()}>
        <Text>Yes, notify me</Text>
      </Pressable>
      <Pressable accessibilityRole="button" onPress={() => void prompt.notNow()}>
        <Text>Not now</Text>
      </Pressable>
    </View>
  );
}

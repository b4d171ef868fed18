package cn.enterprisegrid.notify;

import java.util.List;
import java.util.Map;

/**
 * What one push says, independent of the channel.
 *
 * @param category  {@code policy}, {@code application} or {@code problem} (preferences unsubscribe by category)
 * @param kind      the kind of the first notice ({@code policy.eligible}, {@code problem.breach}, ...): SMS
 *                  templates are chosen by it
 * @param id        the notification id the push opens (the first one of a digest)
 * @param title     a short title (FCM, SMS)
 * @param body      one sentence (FCM, SMS)
 * @param values    named values for template mappings: {@code title}, {@code department}, {@code closesOn}
 *                  (yyyy-MM-dd, absent when open-ended), {@code deadline} (text), {@code hint}, {@code status}
 *                  (at most 5 Chinese characters), {@code amount} (e.g. {@code 125000.00元})
 * @param policies  the policy ids of the policy notices pushed (funnel "delivered")
 */
record Message(String category, String kind, String id, String title, String body, Map<String, String> values,
    List<String> policies) {}

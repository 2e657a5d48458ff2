"""Safety layer: crisis screen, specialist referrals and candidate filters (offline; numpy for the learned layer,
lingua-language-detector for language detection).

Import the pieces from their modules, e.g. ``from tasks.core.safety.screen import screen``:

* ``screen``: ``screen``, ``screen_many``, ``ScreenResult``, the tiers ``CRISIS``, ``ELEVATED``, ``NONE``,
  ``check_in_message``, ``detect_language``, ``load_resources``, ``compute_screen_metrics``;
* ``learned``: the learned head (``load_head``, ``learned_scores``; ``python -m tasks.core.safety.learned build``);
* ``referral``: ``referral_for``;
* ``filters``: ``candidate_flags``, ``elevated_flags``, ``trim_to_sentences``, ``reflective_score``, ``DISCLAIMERS``;
* ``bench``: ``run_screen_benchmark``.
"""

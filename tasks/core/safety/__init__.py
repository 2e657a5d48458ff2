"""Safety layer: crisis screen, specialist referrals and candidate filters (pure Python, offline).

Import the pieces from their modules, e.g. ``from tasks.core.safety.screen import screen``:

* ``screen``: ``screen``, ``ScreenResult``, ``detect_language``, ``load_resources``, ``compute_screen_metrics``;
* ``referral``: ``referral_for``;
* ``filters``: ``candidate_flags``, ``trim_to_sentences``, ``reflective_score``, ``DISCLAIMERS``;
* ``bench``: ``run_screen_benchmark``.
"""

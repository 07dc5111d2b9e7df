"""The operator's tools: ``lint``, ``explain`` and ``migrate``, and what they share.

Reading values files as Helm reads them, rendering through the Helm engine, writing a
file whole. They read the contract and the generated compiled contract, never the generator.
"""

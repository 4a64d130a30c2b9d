"""The PySide6 cashier app: screens over pos_member's services and the drivers' callbacks."""
